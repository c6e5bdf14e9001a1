/* doc_packet.c: a person's review packet (people/<id>/packet.pdf): the
 * parts the template's person_packet includes (scorecard, then coaching
 * summary by default) in one file, each with a bookmark and its own page
 * labels ("S-1", "C-1"). */
#include <string.h>

#include "doc_int.h"

/* include: one included part, bookmarked with its document's word. */
static void
include(struct doc *D, int p, const char *part)
{
	struct doc_partopt o;

	memset(&o, 0, sizeof o);
	if (strcmp(part, "coaching") == 0) {
		o.bookmark = doc_word(D, TW_COACHING);
		o.label = "C-";
		doc_coaching_part(D, p, &o);
	} else {
		o.bookmark = doc_word(D, TW_SCORECARD);
		o.label = "S-";
		doc_scorecard_part(D, p, &o);
	}
}

int
doc_packet_render(struct render_ctx *ctx, const struct job *job,
    struct buf *out)
{
	const struct tmpl_docdef *dd = tmpl_doc(ctx->env->tmpl,
	    TD_PERSON_PACKET);
	int p = job->who, own = 0;
	struct doc D;
	size_t i, j;

	doc_begin_titled(&D, ctx, 0, TW_PERSON_PACKET,
	    ctx->env->cycle->people[p].name);
	for (i = 0; i < dd->nblocks; i++) {
		const struct tmpl_block *b = &dd->blocks[i];

		if (b->type == TB_INCLUDE) {
			for (j = 0; j < b->nitems; j++)
				include(&D, p, b->items[j]);
			own = 0;
			continue;
		}
		/* the packet's own blocks (a cover) get a part of their own */
		if (!own) {
			doc_part(&D, TD_PERSON_PACKET, NULL);
			doc_person_vars(&D, p);
			own = 1;
		}
		if (!lay_static_block(D.L, b))
			doc_unsupported(&D, b);
	}
	return doc_finish(&D, out);
}
