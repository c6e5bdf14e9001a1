/* stub_build.c: TEMPORARY placeholder until cmd_build.c, cmd_handout.c and
 * cmd_manifest.c land (delete the matching function then, the file last). */
#include <stdio.h>

#include "cmd.h"

int cmd_handout(const char *r, const char *t, int deck, const char *o) { (void)r; (void)t; (void)deck; (void)o; fputs("revpack: handout is not built yet\n", stderr); return EXIT_USAGE; }
