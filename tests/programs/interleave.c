/* Alternating writes to stdout and stderr through stdio (unbuffered) and write(2); each
 * stream's content is checked separately, so the order is defined within each. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    setvbuf(stderr, NULL, _IONBF, 0);
    for (int i = 0; i < 50; i++) {
        printf("out %d\n", i);
        fprintf(stderr, "err %d\n", i);
        if (i % 10 == 0) {
            char buf[64];
            int n = snprintf(buf, sizeof buf, "raw out %d\n", i);
            write(1, buf, (size_t)n);
            n = snprintf(buf, sizeof buf, "raw err %d\n", i);
            write(2, buf, (size_t)n);
        }
    }
    /* A partial line and a long line. */
    fputs("no newline on stdout", stdout);
    char big[5000];
    memset(big, 'x', sizeof big - 2);
    big[sizeof big - 2] = '\n';
    big[sizeof big - 1] = 0;
    fputs(big, stderr);
    return 0;
}
