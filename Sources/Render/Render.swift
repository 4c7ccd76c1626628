// Module Render: see DESIGN.md section 2.
