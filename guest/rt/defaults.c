/*
 * Defaults a workload may replace by defining the same name (these are weak). They live in a
 * file of their own so that no runtime code sees the initialiser and folds the default in.
 */
#include "rt.h"

__attribute__((weak)) const int rt_auto_init = 1;
__attribute__((weak)) const unsigned rt_mondo_queue_entries = 16;
