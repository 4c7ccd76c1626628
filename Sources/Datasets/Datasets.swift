// Module Datasets: see DESIGN.md section 2.
