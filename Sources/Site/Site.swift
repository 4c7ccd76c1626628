// Module Site: see DESIGN.md section 2.
