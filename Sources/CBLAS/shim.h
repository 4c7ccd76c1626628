// OpenBLAS's CBLAS interface (which also declares openblas_get_corename and
// openblas_set_num_threads) plus the two entry points used to re-initialise
// the kernel table: Debian's 0.3.21 does not recognise recent CPUs and falls
// back to the slow "Prescott" kernels unless OPENBLAS_CORETYPE is set before
// gotoblas_dynamic_init runs.
#include <cblas.h>

void gotoblas_dynamic_init(void);
void gotoblas_dynamic_quit(void);
