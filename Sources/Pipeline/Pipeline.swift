// Module Pipeline: see DESIGN.md section 2.
