// Module Evaluation: see DESIGN.md section 2.
