// Module NN: see DESIGN.md section 2.
