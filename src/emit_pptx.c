/* emit_pptx.c: emit_pptx.h: the parts of a .pptx written as XML text into
 * buffers and zipped by zipfile.c. Every part is written whole and in a
 * fixed order; ids count from fixed starts. Shapes are positioned in EMU
 * (12,700 to the point). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "emit_pptx.h"
#include "in_text.h"
#include "zipfile.h"

#define EMU(pt) ((long long)llroundf((pt) * 12700.0f))

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" " \
	"standalone=\"yes\"?>\n"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships"
#define NS_P "http://schemas.openxmlformats.org/presentationml/2006/main"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/" \
	"relationships"
#define REL NS_R "/"
#define CT "application/vnd.openxmlformats-officedocument."
#define PNS "xmlns:a=\"" NS_A "\" xmlns:r=\"" NS_R "\" xmlns:p=\"" NS_P "\""

/* The writer: the archive and a buffer for the part being written. */
struct px {
	const struct pptx_deck *dk;
	const struct pptx_look *lk;
	struct zipout *z;
	struct buf b;
	int image;              /* 0: no logo; 1 PNG; 2 JPEG */
};

/* put: the part in w->b under `name`, then an empty buffer. */
static void
put(struct px *w, const char *name)
{
	zipout_add(w->z, name, w->b.p != NULL ? w->b.p : "", w->b.len, 0);
	buf_reset(&w->b);
}

/* esc: text as XML character data: & < > " escaped; C0 controls, which
 * XML 1.0 forbids, and a lone CR left out ('\n' ends paragraphs before
 * this is called). */
static void
esc(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t')
				buf_putc(b, *s);
			else if (*s == '\n')
				buf_putc(b, ' ');
		}
	}
}

/* hex: colour c as "RRGGBB". */
static const char *
hex(struct rgb c, char out[7])
{
	snprintf(out, 7, "%02X%02X%02X", (int)lroundf(c.r * 255),
	    (int)lroundf(c.g * 255), (int)lroundf(c.b * 255));
	return out;
}

static void
fill(struct buf *b, struct rgb c)
{
	char h[7];

	buf_printf(b, "<a:solidFill><a:srgbClr val=\"%s\"/></a:solidFill>",
	    hex(c, h));
}

/* rpr: run properties: size (0: inherited), bold, colour (NULL:
 * inherited), the deck's typeface. */
static void
rpr(struct px *w, const char *tag, float size, int bold,
    const struct rgb *color)
{
	buf_printf(&w->b, "<a:%s lang=\"%s\"", tag, w->lk->lang);
	if (size > 0)
		buf_printf(&w->b, " sz=\"%d\"", (int)lroundf(size * 100));
	if (bold)
		buf_puts(&w->b, " b=\"1\"");
	buf_puts(&w->b, " dirty=\"0\">");
	if (color != NULL)
		fill(&w->b, *color);
	buf_puts(&w->b, "<a:latin typeface=\"");
	esc(&w->b, w->lk->font);
	buf_printf(&w->b, "\"/><a:cs typeface=\"");
	esc(&w->b, w->lk->font);
	buf_printf(&w->b, "\"/></a:%s>", tag);
}

/* para: one paragraph of text (one run), with pPr attributes `ppr`;
 * right to left when its first strong character is (as the PDFs lay a
 * paragraph out): PowerPoint then starts it at the right. */
static void
para(struct px *w, const char *ppr, const char *inner, const char *text,
    float size, int bold, const struct rgb *color)
{
	int rtl = text != NULL && bidi_first_strong(text, strlen(text)) ==
	    BIDI_RTL;

	buf_printf(&w->b, "<a:p><a:pPr%s%s>%s</a:pPr>", ppr,
	    rtl ? " rtl=\"1\"" : "", inner);
	if (text != NULL && text[0] != '\0') {
		buf_puts(&w->b, "<a:r>");
		rpr(w, "rPr", size, bold, color);
		buf_puts(&w->b, "<a:t>");
		esc(&w->b, text);
		buf_puts(&w->b, "</a:t></a:r>");
	}
	rpr(w, "endParaRPr", size, bold, color);
	buf_puts(&w->b, "</a:p>");
}

/* xfrm: a shape's box (pt from the top left). */
static void
xfrm(struct buf *b, const char *ns, float x, float y, float cx, float cy)
{
	buf_printf(b, "<%s:xfrm><a:off x=\"%lld\" y=\"%lld\"/><a:ext "
	    "cx=\"%lld\" cy=\"%lld\"/></%s:xfrm>", ns, EMU(x), EMU(y),
	    EMU(cx), EMU(cy), ns);
}

/* --- package parts --- */

static void
content_types(struct px *w)
{
	const struct pptx_deck *dk = w->dk;
	size_t i;

	buf_puts(&w->b, XML_HEAD "<Types xmlns=\"http://schemas."
	    "openxmlformats.org/package/2006/content-types\">"
	    "<Default Extension=\"rels\" ContentType=\"application/"
	    "vnd.openxmlformats-package.relationships+xml\"/>"
	    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	    "<Default Extension=\"png\" ContentType=\"image/png\"/>"
	    "<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>"
	    "<Override PartName=\"/ppt/presentation.xml\" ContentType=\""
	    CT "presentationml.presentation.main+xml\"/>"
	    "<Override PartName=\"/ppt/slideMasters/slideMaster1.xml\" "
	    "ContentType=\"" CT "presentationml.slideMaster+xml\"/>"
	    "<Override PartName=\"/ppt/slideLayouts/slideLayout1.xml\" "
	    "ContentType=\"" CT "presentationml.slideLayout+xml\"/>"
	    "<Override PartName=\"/ppt/slideLayouts/slideLayout2.xml\" "
	    "ContentType=\"" CT "presentationml.slideLayout+xml\"/>"
	    "<Override PartName=\"/ppt/notesMasters/notesMaster1.xml\" "
	    "ContentType=\"" CT "presentationml.notesMaster+xml\"/>"
	    "<Override PartName=\"/ppt/theme/theme1.xml\" ContentType=\""
	    CT "theme+xml\"/>"
	    "<Override PartName=\"/ppt/theme/theme2.xml\" ContentType=\""
	    CT "theme+xml\"/>"
	    "<Override PartName=\"/ppt/presProps.xml\" ContentType=\""
	    CT "presentationml.presProps+xml\"/>"
	    "<Override PartName=\"/ppt/viewProps.xml\" ContentType=\""
	    CT "presentationml.viewProps+xml\"/>"
	    "<Override PartName=\"/ppt/tableStyles.xml\" ContentType=\""
	    CT "presentationml.tableStyles+xml\"/>"
	    "<Override PartName=\"/docProps/core.xml\" ContentType=\""
	    "application/vnd.openxmlformats-package.core-properties+xml\"/>"
	    "<Override PartName=\"/docProps/app.xml\" ContentType=\""
	    CT "extended-properties+xml\"/>");
	for (i = 0; i < dk->nslides; i++) {
		buf_printf(&w->b, "<Override PartName=\"/ppt/slides/slide%zu."
		    "xml\" ContentType=\"" CT "presentationml.slide+xml\"/>",
		    i + 1);
		if (dk->slides[i].notes != NULL)
			buf_printf(&w->b, "<Override PartName=\"/ppt/notesSlides/"
			    "notesSlide%zu.xml\" ContentType=\"" CT
			    "presentationml.notesSlide+xml\"/>", i + 1);
	}
	buf_puts(&w->b, "</Types>");
	put(w, "[Content_Types].xml");
}

/* rels: a relationships part: n (type, target) pairs, ids rId1..., and
 * with `logo` the logo as rIdLogo. */
static void
rels(struct px *w, const char *name, const char *const *pairs, size_t n,
    int logo)
{
	size_t i;

	buf_puts(&w->b, XML_HEAD "<Relationships xmlns=\"" NS_PKG_REL "\">");
	for (i = 0; i < n; i++)
		buf_printf(&w->b, "<Relationship Id=\"rId%zu\" Type=\"%s\" "
		    "Target=\"%s\"/>", i + 1, pairs[2 * i], pairs[2 * i + 1]);
	if (logo && w->image)
		buf_printf(&w->b, "<Relationship Id=\"rIdLogo\" Type=\"" REL
		    "image\" Target=\"../media/logo.%s\"/>", w->image == 1 ?
		    "png" : "jpeg");
	buf_puts(&w->b, "</Relationships>");
	put(w, name);
}

static void
doc_props(struct px *w)
{
	static const char *const top[] = {
		REL "officeDocument", "ppt/presentation.xml",
		NS_PKG_REL "/metadata/core-properties", "docProps/core.xml",
		REL "extended-properties", "docProps/app.xml"
	};

	rels(w, "_rels/.rels", top, 3, 0);
	buf_puts(&w->b, XML_HEAD "<cp:coreProperties xmlns:cp=\"http://"
	    "schemas.openxmlformats.org/package/2006/metadata/"
	    "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	    "xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://"
	    "www.w3.org/2001/XMLSchema-instance\"><dc:title>");
	esc(&w->b, w->dk->title);
	buf_puts(&w->b, "</dc:title><dc:creator>");
	esc(&w->b, w->dk->author);
	buf_puts(&w->b, "</dc:creator>");
	if (w->dk->date != NULL)
		buf_printf(&w->b, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">"
		    "%s</dcterms:created><dcterms:modified xsi:type=\""
		    "dcterms:W3CDTF\">%s</dcterms:modified>", w->dk->date,
		    w->dk->date);
	buf_puts(&w->b, "</cp:coreProperties>");
	put(w, "docProps/core.xml");
	buf_printf(&w->b, XML_HEAD "<Properties xmlns=\"http://schemas."
	    "openxmlformats.org/officeDocument/2006/extended-properties\">"
	    "<Application>revpack</Application><Slides>%zu</Slides>"
	    "<PresentationFormat>On-screen Show (16:9)</PresentationFormat>"
	    "</Properties>", w->dk->nslides);
	put(w, "docProps/app.xml");
}

static void
presentation(struct px *w)
{
	const struct pptx_deck *dk = w->dk;
	const char **pairs = xcalloc(2 * (dk->nslides + 6), sizeof *pairs);
	char **targets = xcalloc(dk->nslides, sizeof *targets);
	size_t i, n = 0;

	buf_printf(&w->b, XML_HEAD "<p:presentation %s saveSubsetFonts=\"1\">"
	    "<p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" "
	    "r:id=\"rId1\"/></p:sldMasterIdLst><p:notesMasterIdLst>"
	    "<p:notesMasterId r:id=\"rId%zu\"/></p:notesMasterIdLst>"
	    "<p:sldIdLst>", PNS, dk->nslides + 2);
	for (i = 0; i < dk->nslides; i++)
		buf_printf(&w->b, "<p:sldId id=\"%zu\" r:id=\"rId%zu\"/>",
		    256 + i, i + 2);
	buf_printf(&w->b, "</p:sldIdLst><p:sldSz cx=\"%lld\" cy=\"%lld\"/>"
	    "<p:notesSz cx=\"6858000\" cy=\"9144000\"/></p:presentation>",
	    EMU(w->lk->width), EMU(w->lk->height));
	put(w, "ppt/presentation.xml");
	pairs[n++] = REL "slideMaster";
	pairs[n++] = "slideMasters/slideMaster1.xml";
	for (i = 0; i < dk->nslides; i++) {
		targets[i] = xmalloc(48);
		snprintf(targets[i], 48, "slides/slide%zu.xml", i + 1);
		pairs[n++] = REL "slide";
		pairs[n++] = targets[i];
	}
	pairs[n++] = REL "notesMaster";
	pairs[n++] = "notesMasters/notesMaster1.xml";
	pairs[n++] = REL "theme";
	pairs[n++] = "theme/theme1.xml";
	pairs[n++] = REL "presProps";
	pairs[n++] = "presProps.xml";
	pairs[n++] = REL "viewProps";
	pairs[n++] = "viewProps.xml";
	pairs[n++] = REL "tableStyles";
	pairs[n++] = "tableStyles.xml";
	rels(w, "ppt/_rels/presentation.xml.rels", pairs, n / 2, 0);
	for (i = 0; i < dk->nslides; i++)
		free(targets[i]);
	free(targets);
	free(pairs);
	buf_printf(&w->b, XML_HEAD "<p:presentationPr %s/>", PNS);
	put(w, "ppt/presProps.xml");
	buf_printf(&w->b, XML_HEAD "<p:viewPr %s><p:normalViewPr>"
	    "<p:restoredLeft sz=\"15620\"/><p:restoredTop sz=\"94660\"/>"
	    "</p:normalViewPr><p:gridSpacing cx=\"76200\" cy=\"76200\"/>"
	    "</p:viewPr>", PNS);
	put(w, "ppt/viewProps.xml");
	buf_puts(&w->b, XML_HEAD "<a:tblStyleLst xmlns:a=\"" NS_A "\" def=\""
	    "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}\"/>");
	put(w, "ppt/tableStyles.xml");
}

/* theme: the template's colours and typeface as an Office theme. */
static void
theme(struct px *w, const char *name)
{
	const struct pptx_look *lk = w->lk;
	char t[7], m[7], a[7], l[7], f[7];
	int i;

	hex(lk->text, t);
	hex(lk->muted, m);
	hex(lk->accent, a);
	hex(lk->lines, l);
	hex(lk->fill, f);
	buf_printf(&w->b, XML_HEAD "<a:theme xmlns:a=\"" NS_A "\" name=\""
	    "revpack\"><a:themeElements><a:clrScheme name=\"revpack\">"
	    "<a:dk1><a:srgbClr val=\"%s\"/></a:dk1><a:lt1><a:srgbClr "
	    "val=\"FFFFFF\"/></a:lt1><a:dk2><a:srgbClr val=\"%s\"/></a:dk2>"
	    "<a:lt2><a:srgbClr val=\"%s\"/></a:lt2>", t, a, f);
	buf_printf(&w->b, "<a:accent1><a:srgbClr val=\"%s\"/></a:accent1>"
	    "<a:accent2><a:srgbClr val=\"%s\"/></a:accent2>", a, m);
	for (i = 3; i <= 6; i++)
		buf_printf(&w->b, "<a:accent%d><a:srgbClr val=\"%s\"/>"
		    "</a:accent%d>", i, i % 2 ? l : a, i);
	buf_printf(&w->b, "<a:hlink><a:srgbClr val=\"%s\"/></a:hlink>"
	    "<a:folHlink><a:srgbClr val=\"%s\"/></a:folHlink></a:clrScheme>"
	    "<a:fontScheme name=\"revpack\"><a:majorFont><a:latin "
	    "typeface=\"", a, m);
	esc(&w->b, lk->font);
	buf_puts(&w->b, "\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>"
	    "</a:majorFont><a:minorFont><a:latin typeface=\"");
	esc(&w->b, lk->font);
	buf_puts(&w->b, "\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>"
	    "</a:minorFont></a:fontScheme><a:fmtScheme name=\"revpack\">"
	    "<a:fillStyleLst>");
	for (i = 0; i < 3; i++)
		buf_puts(&w->b, "<a:solidFill><a:schemeClr val=\"phClr\"/>"
		    "</a:solidFill>");
	buf_puts(&w->b, "</a:fillStyleLst><a:lnStyleLst>");
	for (i = 0; i < 3; i++)
		buf_printf(&w->b, "<a:ln w=\"%d\"><a:solidFill><a:schemeClr "
		    "val=\"phClr\"/></a:solidFill></a:ln>", 6350 * (i + 1));
	buf_puts(&w->b, "</a:lnStyleLst><a:effectStyleLst>");
	for (i = 0; i < 3; i++)
		buf_puts(&w->b, "<a:effectStyle><a:effectLst/></a:effectStyle>");
	buf_puts(&w->b, "</a:effectStyleLst><a:bgFillStyleLst>");
	for (i = 0; i < 3; i++)
		buf_puts(&w->b, "<a:solidFill><a:schemeClr val=\"phClr\"/>"
		    "</a:solidFill>");
	buf_puts(&w->b, "</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"
	    "</a:theme>");
	put(w, name);
}

/* The placeholders' boxes, pt: the title across the top, the body under
 * it; on the title layout both centred. */
static void
title_box(const struct pptx_look *lk, int layout, float *x, float *y,
    float *cx, float *cy)
{
	*x = lk->left;
	*cx = lk->width - lk->left - lk->right;
	*y = layout == PPTX_TITLE ? lk->height * 0.30f : lk->top * 0.45f;
	*cy = layout == PPTX_TITLE ? lk->height * 0.22f : 48;
}

float
pptx_body_top(const struct pptx_look *lk, int subtitle)
{
	return lk->top * 0.45f + 48 + 6 + (subtitle ? 30 : 0);
}

/* shape_start: an sp element's opening with its placeholder (type may be
 * NULL: body idx 1) and box (NULL: inherited). */
static void
shape_start(struct px *w, int id, const char *name, const char *ph,
    const float *box)
{
	buf_printf(&w->b, "<p:sp><p:nvSpPr><p:cNvPr id=\"%d\" name=\"%s\"/>"
	    "<p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr>%s"
	    "</p:nvPr></p:nvSpPr><p:spPr>", id, name, ph);
	if (box != NULL)
		xfrm(&w->b, "a", box[0], box[1], box[2], box[3]);
	buf_puts(&w->b, "</p:spPr>");
}

/* text_style: a level-1 style of the master's text styles. */
static void
text_style(struct px *w, const char *tag, float size, int bold,
    const struct rgb *color, const char *bullet)
{
	buf_printf(&w->b, "<%s><a:lvl1pPr%s>", tag, bullet != NULL ?
	    " marL=\"285750\" indent=\"-285750\"" : " marL=\"0\" indent=\"0\"");
	buf_puts(&w->b, "<a:spcAft><a:spcPts val=\"600\"/></a:spcAft>");
	if (bullet != NULL)
		buf_printf(&w->b, "<a:buFont typeface=\"Arial\"/><a:buChar "
		    "char=\"%s\"/>", bullet);
	else
		buf_puts(&w->b, "<a:buNone/>");
	rpr(w, "defRPr", size, bold, color);
	buf_printf(&w->b, "</a:lvl1pPr></%s>", tag);
}

static const char *const no_bg = "<p:bg><p:bgPr><a:solidFill><a:srgbClr "
	"val=\"FFFFFF\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>";
static const char *const tree_head = "<p:nvGrpSpPr><p:cNvPr id=\"1\" "
	"name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>"
	"<a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" "
	"y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>";
static const char *const clr_map = "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" "
	"bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" "
	"accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" "
	"accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>";

/* picture: the logo at the top right (master) as pic element id. */
static void
picture(struct px *w, int id)
{
	const struct pptx_look *lk = w->lk;

	buf_printf(&w->b, "<p:pic><p:nvPicPr><p:cNvPr id=\"%d\" name=\"Logo\" "
	    "descr=\"Logo\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/>"
	    "</p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip "
	    "r:embed=\"rIdLogo\"/><a:stretch><a:fillRect/></a:stretch>"
	    "</p:blipFill><p:spPr>", id);
	xfrm(&w->b, "a", lk->width - lk->right - lk->logo_w, lk->top * 0.15f,
	    lk->logo_w, lk->logo_h);
	buf_puts(&w->b, "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"
	    "</p:spPr></p:pic>");
}

static void
master(struct px *w)
{
	const struct pptx_look *lk = w->lk;
	float tb[4], bb[4];
	const char *pairs[8];
	size_t n = 0;

	title_box(lk, PPTX_CONTENT, &tb[0], &tb[1], &tb[2], &tb[3]);
	bb[0] = lk->left;
	bb[1] = pptx_body_top(lk, 0);
	bb[2] = tb[2];
	bb[3] = lk->height - lk->bottom - bb[1];
	buf_printf(&w->b, XML_HEAD "<p:sldMaster %s><p:cSld>%s<p:spTree>%s",
	    PNS, no_bg, tree_head);
	shape_start(w, 2, "Title Placeholder 1", "<p:ph type=\"title\"/>",
	    tb);
	buf_puts(&w->b, "<p:txBody><a:bodyPr anchor=\"b\"><a:normAutofit/>"
	    "</a:bodyPr><a:lstStyle/>");
	para(w, "", "", "Title", 0, 0, NULL);
	buf_puts(&w->b, "</p:txBody></p:sp>");
	shape_start(w, 3, "Text Placeholder 2", "<p:ph type=\"body\" "
	    "idx=\"1\"/>", bb);
	buf_puts(&w->b, "<p:txBody><a:bodyPr><a:normAutofit/></a:bodyPr>"
	    "<a:lstStyle/>");
	para(w, "", "", "Text", 0, 0, NULL);
	buf_puts(&w->b, "</p:txBody></p:sp>");
	if (w->image)
		picture(w, 4);
	buf_printf(&w->b, "</p:spTree></p:cSld>%s<p:sldLayoutIdLst>"
	    "<p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/><p:sldLayoutId "
	    "id=\"2147483650\" r:id=\"rId2\"/></p:sldLayoutIdLst>"
	    "<p:txStyles>", clr_map);
	text_style(w, "p:titleStyle", 28, 1, &lk->accent, NULL);
	text_style(w, "p:bodyStyle", 18, 0, &lk->text, "\xe2\x80\xa2");
	text_style(w, "p:otherStyle", 18, 0, &lk->text, NULL);
	buf_puts(&w->b, "</p:txStyles></p:sldMaster>");
	put(w, "ppt/slideMasters/slideMaster1.xml");
	pairs[n++] = REL "slideLayout";
	pairs[n++] = "../slideLayouts/slideLayout1.xml";
	pairs[n++] = REL "slideLayout";
	pairs[n++] = "../slideLayouts/slideLayout2.xml";
	pairs[n++] = REL "theme";
	pairs[n++] = "../theme/theme1.xml";
	rels(w, "ppt/slideMasters/_rels/slideMaster1.xml.rels", pairs, n / 2,
	    1);
}

/* layout: slide layout k (1: title slide, 2: title and content). */
static void
layout(struct px *w, int k)
{
	static const char *const back[] = {
		REL "slideMaster", "../slideMasters/slideMaster1.xml"
	};
	const struct pptx_look *lk = w->lk;
	float tb[4], sb[4];
	char name[64];

	title_box(lk, k == 1 ? PPTX_TITLE : PPTX_CONTENT, &tb[0], &tb[1],
	    &tb[2], &tb[3]);
	buf_printf(&w->b, XML_HEAD "<p:sldLayout %s type=\"%s\" "
	    "preserve=\"1\"><p:cSld name=\"%s\"><p:spTree>%s", PNS,
	    k == 1 ? "title" : "obj", k == 1 ? "Title Slide" :
	    "Title and Content", tree_head);
	shape_start(w, 2, "Title 1", k == 1 ? "<p:ph type=\"ctrTitle\"/>" :
	    "<p:ph type=\"title\"/>", tb);
	buf_puts(&w->b, "<p:txBody><a:bodyPr anchor=\"b\"/><a:lstStyle>");
	if (k == 1) {
		buf_puts(&w->b, "<a:lvl1pPr>");
		rpr(w, "defRPr", 40, 1, &lk->accent);
		buf_puts(&w->b, "</a:lvl1pPr>");
	}
	buf_puts(&w->b, "</a:lstStyle>");
	para(w, "", "", "Title", 0, 0, NULL);
	buf_puts(&w->b, "</p:txBody></p:sp>");
	sb[0] = lk->left;
	sb[2] = tb[2];
	if (k == 1) {
		sb[1] = tb[1] + tb[3] + 8;
		sb[3] = 60;
		shape_start(w, 3, "Subtitle 2", "<p:ph type=\"subTitle\" "
		    "idx=\"1\"/>", sb);
		buf_puts(&w->b, "<p:txBody><a:bodyPr/><a:lstStyle><a:lvl1pPr "
		    "marL=\"0\" indent=\"0\"><a:buNone/>");
		rpr(w, "defRPr", 22, 0, &lk->muted);
		buf_puts(&w->b, "</a:lvl1pPr></a:lstStyle>");
	} else {
		sb[1] = pptx_body_top(lk, 0);
		sb[3] = lk->height - lk->bottom - sb[1];
		shape_start(w, 3, "Content Placeholder 2", "<p:ph idx=\"1\"/>",
		    sb);
		buf_puts(&w->b, "<p:txBody><a:bodyPr/><a:lstStyle/>");
	}
	para(w, "", "", "Text", 0, 0, NULL);
	buf_printf(&w->b, "</p:txBody></p:sp></p:spTree></p:cSld>"
	    "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>");
	snprintf(name, sizeof name, "ppt/slideLayouts/slideLayout%d.xml", k);
	put(w, name);
	snprintf(name, sizeof name, "ppt/slideLayouts/_rels/slideLayout%d.xml"
	    ".rels", k);
	rels(w, name, back, 1, 0);
}

/* notes_master: the notes pages' master, which notes slides require. */
static void
notes_master(struct px *w)
{
	static const char *const back[] = {
		REL "theme", "../theme/theme2.xml"
	};
	float img[4] = { 48, 54, 444, 250 }, body[4] = { 54, 330, 432, 330 };

	buf_printf(&w->b, XML_HEAD "<p:notesMaster %s><p:cSld>%s<p:spTree>%s",
	    PNS, no_bg, tree_head);
	buf_puts(&w->b, "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide "
	    "Image Placeholder 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" "
	    "noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph "
	    "type=\"sldImg\" idx=\"2\"/></p:nvPr></p:nvSpPr><p:spPr>");
	xfrm(&w->b, "a", img[0], img[1], img[2], img[3]);
	buf_puts(&w->b, "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"
	    "</p:spPr></p:sp>");
	shape_start(w, 3, "Notes Placeholder 2", "<p:ph type=\"body\" "
	    "idx=\"1\"/>", body);
	buf_puts(&w->b, "<p:txBody><a:bodyPr/><a:lstStyle/>");
	para(w, "", "", "Notes", 0, 0, NULL);
	buf_printf(&w->b, "</p:txBody></p:sp></p:spTree></p:cSld>%s"
	    "<p:notesStyle><a:lvl1pPr marL=\"0\">", clr_map);
	rpr(w, "defRPr", 12, 0, &w->lk->text);
	buf_puts(&w->b, "</a:lvl1pPr></p:notesStyle></p:notesMaster>");
	put(w, "ppt/notesMasters/notesMaster1.xml");
	rels(w, "ppt/notesMasters/_rels/notesMaster1.xml.rels", back, 1, 0);
}

/* notes: slide i's notes page. */
static void
notes(struct px *w, size_t i, const char *text)
{
	const char *pairs[4] = {
		REL "notesMaster", "../notesMasters/notesMaster1.xml",
		REL "slide", NULL
	};
	char name[80], target[64];
	const char *p = text;

	buf_printf(&w->b, XML_HEAD "<p:notes %s><p:cSld><p:spTree>%s", PNS,
	    tree_head);
	buf_puts(&w->b, "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide "
	    "Image Placeholder 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" "
	    "noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph "
	    "type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>");
	shape_start(w, 3, "Notes Placeholder 2", "<p:ph type=\"body\" "
	    "idx=\"1\"/>", NULL);
	buf_puts(&w->b, "<p:txBody><a:bodyPr/><a:lstStyle/>");
	while (*p != '\0') {           /* a paragraph per line */
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		char *line = xmalloc(n + 1);

		memcpy(line, p, n);
		line[n] = '\0';
		para(w, "", "", line, 0, 0, NULL);
		free(line);
		p += n + (nl != NULL);
	}
	buf_puts(&w->b, "</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr>"
	    "<a:masterClrMapping/></p:clrMapOvr></p:notes>");
	snprintf(name, sizeof name, "ppt/notesSlides/notesSlide%zu.xml", i + 1);
	put(w, name);
	snprintf(target, sizeof target, "../slides/slide%zu.xml", i + 1);
	pairs[3] = target;
	snprintf(name, sizeof name, "ppt/notesSlides/_rels/notesSlide%zu.xml"
	    ".rels", i + 1);
	rels(w, name, pairs, 2, 0);
}

/* cell: one table cell. */
static void
cell(struct px *w, const struct pptx_table *t, const struct pptx_cell *c,
    int head)
{
	const struct pptx_look *lk = w->lk;
	char h[7];
	const char *algn = c->center ? " algn=\"ctr\"" : "";

	buf_puts(&w->b, "<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>");
	para(w, algn, "<a:buNone/>", c->text, t->size, c->bold || head,
	    c->has_color ? &c->color : &lk->text);
	buf_printf(&w->b, "</a:txBody><a:tcPr marL=\"%lld\" marR=\"%lld\" "
	    "marT=\"%lld\" marB=\"%lld\">", EMU(4), EMU(4), EMU(2), EMU(2));
	buf_printf(&w->b, "<a:lnL w=\"0\"><a:noFill/></a:lnL><a:lnR w=\"0\">"
	    "<a:noFill/></a:lnR><a:lnT w=\"0\"><a:noFill/></a:lnT>"
	    "<a:lnB w=\"6350\"><a:solidFill><a:srgbClr val=\"%s\"/>"
	    "</a:solidFill></a:lnB>", hex(lk->lines, h));
	if (c->has_fill)
		fill(&w->b, c->fill);
	else if (head)
		fill(&w->b, lk->fill);
	else
		buf_puts(&w->b, "<a:noFill/>");
	buf_puts(&w->b, "</a:tcPr></a:tc>");
}

/* table: t as a graphic frame, shape id `id`. */
static void
table(struct px *w, const struct pptx_table *t, int id)
{
	const struct pptx_look *lk = w->lk;
	float width = lk->width - lk->left - lk->right, y = t->y;
	size_t r, c;

	if (t->title != NULL) {
		float box[4] = { lk->left, y, width, t->size * 1.6f };

		buf_printf(&w->b, "<p:sp><p:nvSpPr><p:cNvPr id=\"%d\" "
		    "name=\"Table title %d\"/><p:cNvSpPr txBox=\"1\"/>"
		    "<p:nvPr/></p:nvSpPr><p:spPr>", id + 100, id);
		xfrm(&w->b, "a", box[0], box[1], box[2], box[3]);
		buf_puts(&w->b, "<a:prstGeom prst=\"rect\"><a:avLst/>"
		    "</a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr "
		    "lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\"/>"
		    "<a:lstStyle/>");
		para(w, "", "<a:buNone/>", t->title, t->size * 1.15f, 1,
		    &lk->accent);
		buf_puts(&w->b, "</p:txBody></p:sp>");
		y += t->size * 1.8f;
	}
	buf_printf(&w->b, "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr "
	    "id=\"%d\" name=\"Table %d\"/><p:cNvGraphicFramePr><a:"
	    "graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/>"
	    "</p:nvGraphicFramePr>", id, id);
	xfrm(&w->b, "p", lk->left, y, width, t->h);
	buf_printf(&w->b, "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/"
	    "drawingml/2006/table\">"
	    "<a:tbl><a:tblPr firstRow=\"%d\"%s/>"
	    "<a:tblGrid>", t->head, lk->rtl ? " rtl=\"1\"" : "");
	for (c = 0; c < t->ncols; c++)
		buf_printf(&w->b, "<a:gridCol w=\"%lld\"/>", EMU(width *
		    (t->widths != NULL ? t->widths[c] : 1.0f /
		    (float)t->ncols)));
	buf_puts(&w->b, "</a:tblGrid>");
	for (r = 0; r < t->nrows; r++) {
		buf_printf(&w->b, "<a:tr h=\"%lld\">", EMU(t->size * 1.5f));
		for (c = 0; c < t->ncols; c++)
			cell(w, t, &t->cells[r * t->ncols + c], t->head &&
			    r == 0);
		buf_puts(&w->b, "</a:tr>");
	}
	buf_puts(&w->b, "</a:tbl></a:graphicData></a:graphic>"
	    "</p:graphicFrame>");
}

/* slide: slide i and its relationships (and its notes page). */
static void
slide(struct px *w, size_t i)
{
	const struct pptx_slide *s = &w->dk->slides[i];
	const struct pptx_look *lk = w->lk;
	const char *pairs[4] = {
		REL "slideLayout", NULL, REL "notesSlide", NULL
	};
	char name[80], target[64];
	float box[4];
	size_t k;
	int id = 4;

	buf_printf(&w->b, XML_HEAD "<p:sld %s><p:cSld><p:spTree>%s", PNS,
	    tree_head);
	shape_start(w, 2, "Title 1", s->layout == PPTX_TITLE ?
	    "<p:ph type=\"ctrTitle\"/>" : "<p:ph type=\"title\"/>", NULL);
	buf_puts(&w->b, "<p:txBody><a:bodyPr><a:normAutofit/></a:bodyPr>"
	    "<a:lstStyle/>");
	para(w, "", "", s->title, 0, 0, NULL);
	buf_puts(&w->b, "</p:txBody></p:sp>");
	if (s->layout == PPTX_TITLE) {
		shape_start(w, 3, "Subtitle 2", "<p:ph type=\"subTitle\" "
		    "idx=\"1\"/>", NULL);
		buf_puts(&w->b, "<p:txBody><a:bodyPr/><a:lstStyle/>");
		para(w, "", "", s->subtitle, 0, 0, NULL);
		buf_puts(&w->b, "</p:txBody></p:sp>");
	} else if (s->nparas > 0 || s->subtitle != NULL) {
		box[0] = lk->left;
		box[1] = pptx_body_top(lk, 0);
		box[2] = lk->width - lk->left - lk->right;
		box[3] = s->body_h;
		shape_start(w, 3, "Content Placeholder 2", "<p:ph idx=\"1\"/>",
		    box);
		buf_puts(&w->b, "<p:txBody><a:bodyPr><a:normAutofit/>"
		    "</a:bodyPr><a:lstStyle/>");
		if (s->subtitle != NULL)
			para(w, " marL=\"0\" indent=\"0\"", "<a:buNone/>",
			    s->subtitle, s->size * 1.1f, 0, &lk->muted);
		for (k = 0; k < s->nparas; k++) {
			const struct pptx_para *p = &s->paras[k];

			para(w, p->bullet ? "" : " marL=\"0\" indent=\"0\"",
			    p->bullet ? "" : "<a:buNone/>", p->text, s->size,
			    p->bold, p->muted ? &lk->muted : NULL);
		}
		buf_puts(&w->b, "</p:txBody></p:sp>");
	}
	for (k = 0; k < s->ntables; k++)
		table(w, &s->tables[k], id++);
	buf_puts(&w->b, "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/>"
	    "</p:clrMapOvr></p:sld>");
	snprintf(name, sizeof name, "ppt/slides/slide%zu.xml", i + 1);
	put(w, name);
	pairs[1] = s->layout == PPTX_TITLE ? "../slideLayouts/slideLayout1.xml" :
	    "../slideLayouts/slideLayout2.xml";
	snprintf(target, sizeof target, "../notesSlides/notesSlide%zu.xml",
	    i + 1);
	pairs[3] = target;
	snprintf(name, sizeof name, "ppt/slides/_rels/slide%zu.xml.rels", i + 1);
	rels(w, name, pairs, s->notes != NULL ? 2 : 1, 0);
	if (s->notes != NULL)
		notes(w, i, s->notes);
}

/* image_kind: 1 PNG, 2 JPEG, 0 neither (by the first bytes). */
static int
image_kind(const char *p, size_t n)
{
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return 1;
	if (n >= 3 && memcmp(p, "\xff\xd8\xff", 3) == 0)
		return 2;
	return 0;
}

int
pptx_write(const struct pptx_deck *dk, struct buf *out, struct diag *d)
{
	struct px w;
	char *img = NULL;
	size_t nimg = 0, i;
	int st;

	memset(&w, 0, sizeof w);
	w.dk = dk;
	w.lk = &dk->look;
	if (dk->look.logo != NULL) {
		if (!text_slurp(dk->look.logo, dk->look.logo, 0, d, &img, &nimg))
			return -1;
		w.image = image_kind(img, nimg);
		if (w.image == 0) {
			diag_error(d, NULL, "%s: the logo is not a PNG or JPEG "
			    "image", dk->look.logo);
			free(img);
			return -1;
		}
	}
	w.z = zipout_new();
	buf_init(&w.b);
	content_types(&w);
	doc_props(&w);
	presentation(&w);
	master(&w);
	layout(&w, 1);
	layout(&w, 2);
	theme(&w, "ppt/theme/theme1.xml");
	theme(&w, "ppt/theme/theme2.xml");
	notes_master(&w);
	for (i = 0; i < dk->nslides; i++)
		slide(&w, i);
	if (w.image)
		zipout_add(w.z, w.image == 1 ? "ppt/media/logo.png" :
		    "ppt/media/logo.jpeg", img, nimg, 1);
	st = zipout_finish(w.z, out, dk->title, d);
	zipout_free(w.z);
	buf_free(&w.b);
	free(img);
	return st;
}
