// Module Editors: see DESIGN.md section 2.
