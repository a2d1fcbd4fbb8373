/* Reads argv and the environment. The harness passes a fixed environment, so the count and
 * the values of known variables are deterministic; the order of the variables is not
 * relied on. argv[0] prints as its basename (the path depends on the checkout). */
// ARGS: alpha beta 12345 --flag=x -
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv, char **envp)
{
    const char *slash = strrchr(argv[0], '/');
    printf("argc %d\n", argc);
    printf("argv[0] basename %s\n", slash ? slash + 1 : argv[0]);
    for (int i = 1; i < argc; i++)
        printf("argv[%d] '%s' len %zu\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
    int n = 0;
    size_t bytes = 0;
    for (char **e = envp; *e; e++, n++)
        bytes += strlen(*e);
    printf("envc %d bytes %zu environ==envp %d\n", n, bytes, environ == envp);
    const char *names[] = {"NIAGARA_TEST", "LANG", "TZ", "NOT_SET_ANYWHERE"};
    for (int i = 0; i < 4; i++) {
        const char *v = getenv(names[i]);
        printf("getenv %s = %s\n", names[i], v ? v : "(null)");
    }
    setenv("ADDED", "yes", 1);
    printf("after setenv: %s\n", getenv("ADDED"));
    return argc;
}
