// OpenBLAS's CBLAS interface (which also declares openblas_get_corename and
// openblas_set_num_threads) plus the two entry points used to re-initialise
// the kernel table: Debian's 0.3.21 does not recognise recent CPUs and falls
// back to the slow "Prescott" kernels unless OPENBLAS_CORETYPE is set before
// gotoblas_dynamic_init runs.
#include <cblas.h>

void gotoblas_dynamic_init(void);
void gotoblas_dynamic_quit(void);

// LAPACK's dsyevd (in OpenBLAS): all eigenvalues and eigenvectors of a real
// symmetric matrix by divide and conquer. Fortran passes every argument by
// reference; the two trailing arguments are gfortran's hidden lengths of the
// character arguments jobz and uplo, declared as OpenBLAS's own lapack.h does
// (LAPACK_FORTRAN_STRLEN_END). Integers are 32-bit (not an ILP64 build).
#include <stddef.h>

void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
             double *w, double *work, const int *lwork, int *iwork, const int *liwork,
             int *info, size_t jobz_len, size_t uplo_len);
