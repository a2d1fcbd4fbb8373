/* hello: the smallest guest. One line from the boot strand, then mach_exit(0). */
#include "rt.h"

int main(void)
{
	printf("hello, world from strand %lu of %d (sun4v, CORE API 1.%lu)\n", rt_myid(), rt_nstrands,
	       rt_core_minor);
	return 0;
}
