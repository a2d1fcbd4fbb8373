/* Speed kernel: CRC-32 over a 64 KiB buffer, PASSES times (default sized for a few hundred
 * million instructions at -O2). */
// ARGS: 4
#include "kernels.h"

int main(int argc, char **argv)
{
    long passes = kernel_arg(argc, argv, 400);
    printf("crc32 passes %ld crc %08x\n", passes, crc32_run(passes));
    return 0;
}
