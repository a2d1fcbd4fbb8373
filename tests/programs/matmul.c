/* Speed kernel: int64 N x N matrix multiply. */
// ARGS: 64
#include "kernels.h"

int main(int argc, char **argv)
{
    long n = kernel_arg(argc, argv, 330);
    printf("matmul n %ld checksum %lu\n", n, matmul_run(n));
    return 0;
}
