/* doctab.c: the renderer table of `revpack build`: which document types
 * exist, what selects them, where they go, and the function that renders
 * each. To add a renderer, set its `render` below (and, for shared fonts
 * or a per-worker PDF device, the hooks at the bottom). */
#include <stddef.h>

#include "doc.h"

const char *const doc_names[] = {
	"scorecard", "coaching", "form", "packet", "team", "org", "handout",
	"deck"
};
const size_t ndoc_names = sizeof doc_names / sizeof doc_names[0];

/* Indexed by enum doc_type. render NULL: not rendered yet (the documents
 * live in their own files, doc_*.c, declared in doc.h). */
static const struct doc_kind kinds[NDOC_TYPES] = {
	{ DOC_HANDOUT, "handout", SCOPE_RUBRIC, "handout.pdf", 0,
	    doc_handout_render },
	{ DOC_DECK, "deck", SCOPE_RUBRIC, "deck.pdf", 0, doc_deck_render },
	{ DOC_DECK_PPTX, "deck", SCOPE_RUBRIC, "deck.pptx", 0,
	    doc_deck_pptx_render },
	{ DOC_BLANK_FORM, "form", SCOPE_RUBRIC, "blank-form.pdf", 0,
	    doc_blank_form_render },
	{ DOC_ORG, "org", SCOPE_ORG, "org.pdf", 0, doc_org_render },
	{ DOC_DEPT, "org", SCOPE_DEPT, "departments", 0, doc_dept_render },
	{ DOC_SCORECARD, "scorecard", SCOPE_PERSON, "scorecard.pdf", 1,
	    doc_scorecard_render },
	{ DOC_COACHING, "coaching", SCOPE_PERSON, "coaching.pdf", 1,
	    doc_coaching_render },
	{ DOC_FORM, "form", SCOPE_PERSON, "form.pdf", 0, doc_form_render },
	{ DOC_PACKET, "packet", SCOPE_PERSON, "packet.pdf", 1,
	    doc_packet_render },
	{ DOC_TEAM, "team", SCOPE_MANAGER, "team.pdf", 0, doc_team_render },
	{ DOC_TEAM_PACKET, "packet", SCOPE_MANAGER, "packet.pdf", 0,
	    doc_mpacket_render },
};

/* The hooks (doc_fonts.c, doc_common.c): the run's fonts subset once
 * for the whole cycle; per worker its layout engines and PDF devices. */
const struct renderers doc_renderers = {
	kinds,
	doc_setup,
	doc_teardown,
	doc_worker_new,
	doc_worker_free,
	doc_fonts_ahead,
	doc_fonts_ahead_free,
};
