// Module Generators: see DESIGN.md section 2.
