/* stub_aggregate.c: TEMPORARY placeholder until cmd_aggregate.c lands
 * (delete this file then). */
#include <stdio.h>

#include "cmd.h"

int cmd_aggregate(const char *c, const char *f, const char *o) { (void)c; (void)f; (void)o; fputs("revpack: aggregate is not built yet\n", stderr); return EXIT_USAGE; }
