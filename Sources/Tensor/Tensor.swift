// Module Tensor: see DESIGN.md section 2.
