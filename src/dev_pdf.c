/* dev_pdf.c: the PDF device on libharu 2.3.0, the only file that includes
 * its headers. libharu builds the document structure (pages, resources,
 * images, links, outlines, labels, info, xref); pdfops.c writes the page
 * operators; devfonts.c and fontprog.c make each document's own fonts,
 * which this file adds to the document as objects. Image objects are
 * built once per device (one device per worker thread) and copied into
 * each document, with their streams compressed once and shared. */
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>
#include <hpdf_catalog.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "deflate.h"
#include "dev.h"
#include "devfonts.h"
#include "fonts.h"
#include "fontprog.h"
#include "pdfops.h"

/* No libharu memory pool: 2.3.0 is built without HPDF_ALINMENT_SIZ, so
 * its pool hands out misaligned blocks (undefined behaviour that UBSan
 * reports on our own accesses to libharu's structs). */
#define POOL_SIZE 0
/* Compression level (libdeflate's scale) of page content, compressed
 * here with one compressor per device (libharu would set up a new zlib
 * stream for every page): level 1 makes pages smaller than zlib's level
 * 3 did, in half the time; level 3 would save 2% more for 1.6x the time. */
#define PAGE_ZLEVEL 1

/* --- errors: libharu calls on_error, which jumps back to the setjmp of
 * whoever owns the context (no globals). --- */

struct hctx {
	jmp_buf jmp;
	HPDF_STATUS err, detail;
	int reported;           /* the problem is already in the diag */
};

static void
on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	struct hctx *c = user;

	c->err = err;
	c->detail = detail;
	longjmp(c->jmp, 1);
}

/* fail: reports a status libharu returned without calling the handler. */
static void
fail(struct hctx *c, HPDF_STATUS err)
{
	c->err = err;
	c->detail = 0;
	longjmp(c->jmp, 1);
}

/* fail_reported: gives up after the caller reported the problem. */
static void
fail_reported(struct hctx *c)
{
	c->reported = 1;
	fail(c, HPDF_INVALID_OBJECT);
}

/* ok: checks a status or a pointer libharu returned. */
static void
ok(struct hctx *c, HPDF_STATUS st)
{
	if (st != HPDF_OK)
		fail(c, st);
}

static void *
need(struct hctx *c, void *p)
{
	if (p == NULL)
		fail(c, HPDF_FAILD_TO_ALLOC_MEM);
	return p;
}

/* --- shared objects: an image's indirect objects, taken from the
 * document libharu built them in, as bytes ready to be copied into any
 * document. --- */

struct sref {
	char key[HPDF_LIMIT_MAX_NAME_LEN + 1];
	int *to;                /* indexes of the objects referred to */
	int n;
	int array;              /* an array of references, not one */
};

struct sobj {
	int stream;
	struct buf raw;         /* "/Key value\n" of the direct entries */
	unsigned char *data;    /* stream bytes, already filtered */
	size_t len;
	struct sref *refs;
	size_t nrefs, refs_cap;
};

struct shared {
	struct sobj *o;         /* o[0] is the root */
	size_t n, cap;
	void **src;             /* the objects they were taken from */
	HPDF_Stream tmp;        /* scratch stream for serialising */
};

static void
shared_free(struct shared *sh)
{
	size_t i;
	size_t j;

	if (sh == NULL)
		return;
	for (i = 0; i < sh->n; i++) {
		buf_free(&sh->o[i].raw);
		free(sh->o[i].data);
		for (j = 0; j < sh->o[i].nrefs; j++)
			free(sh->o[i].refs[j].to);
		free(sh->o[i].refs);
	}
	free(sh->o);
	free(sh->src);
	free(sh);
}

/* stream_bytes: everything in a libharu stream (caller frees). */
static unsigned char *
stream_bytes(struct hctx *c, HPDF_Stream s, size_t *len)
{
	HPDF_UINT n = HPDF_Stream_Size(s), got = n;
	unsigned char *p = xmalloc(n + 1);
	HPDF_STATUS st;

	ok(c, HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET));
	st = HPDF_Stream_Read(s, p, &got);
	if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || got != n) {
		free(p);
		fail(c, st != HPDF_OK ? st : HPDF_STREAM_EOF);
	}
	*len = n;
	return p;
}

static int
has_proxy(void *obj)
{
	HPDF_Obj_Header *h = obj;
	HPDF_UINT i;

	switch (h->obj_class & HPDF_OCLASS_ANY) {
	case HPDF_OCLASS_PROXY:
		return 1;
	case HPDF_OCLASS_ARRAY:
		for (i = 0; i < ((HPDF_Array)obj)->list->count; i++)
			if (has_proxy(HPDF_List_ItemAt(((HPDF_Array)obj)->list,
			    i)))
				return 1;
		return 0;
	case HPDF_OCLASS_DICT:
		for (i = 0; i < ((HPDF_Dict)obj)->list->count; i++) {
			HPDF_DictElement e = HPDF_List_ItemAt(
			    ((HPDF_Dict)obj)->list, i);

			if (has_proxy(e->value))
				return 1;
		}
		return 0;
	default:
		return 0;
	}
}

static int snap_obj(struct hctx *c, struct shared *sh, HPDF_Dict d);

/* snap_ref: records key -> object(s) for an entry holding references. */
static void
snap_ref(struct hctx *c, struct shared *sh, size_t at, const char *key,
    void *value)
{
	HPDF_Obj_Header *h = value;
	struct sref ref;
	HPDF_UINT i;

	memset(&ref, 0, sizeof(ref));
	snprintf(ref.key, sizeof(ref.key), "%s", key);
	if ((h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_PROXY) {
		ref.to = xmalloc(sizeof(int));
		ref.n = 1;
		ref.to[0] = snap_obj(c, sh, ((HPDF_Proxy)value)->obj);
	} else {
		HPDF_Array a = value;

		ref.array = 1;
		ref.to = xcalloc(a->list->count + 1, sizeof(int));
		for (i = 0; i < a->list->count; i++) {
			HPDF_Obj_Header *e = HPDF_List_ItemAt(a->list, i);

			if (e->obj_class != HPDF_OCLASS_PROXY) {
				free(ref.to);
				fail(c, HPDF_INVALID_OBJECT);
			}
			ref.to[ref.n++] = snap_obj(c, sh,
			    ((HPDF_Proxy)(void *)e)->obj);
		}
	}
	XGROW(sh->o[at].refs, sh->o[at].refs_cap, sh->o[at].nrefs + 1);
	sh->o[at].refs[sh->o[at].nrefs++] = ref;
}

/* snap_direct: appends "/key value\n" to the object's bytes, written the
 * way HPDF_Dict_Write writes an entry. */
static void
snap_direct(struct hctx *c, struct shared *sh, size_t at, const char *key,
    void *value)
{
	unsigned char *p;
	size_t n;

	HPDF_MemStream_FreeData(sh->tmp);
	ok(c, HPDF_Stream_WriteEscapeName(sh->tmp, key));
	ok(c, HPDF_Stream_WriteChar(sh->tmp, ' '));
	ok(c, HPDF_Obj_Write(value, sh->tmp, NULL));
	ok(c, HPDF_Stream_WriteStr(sh->tmp, "\012"));
	p = stream_bytes(c, sh->tmp, &n);
	buf_put(&sh->o[at].raw, p, n);
	free(p);
}

/* snap_stream: the stream's bytes, compressed now when libharu would
 * compress them at every save, or would write them uncompressed (the
 * soft mask of a PNG with alpha). */
static void
snap_stream(struct hctx *c, struct shared *sh, size_t at, HPDF_Dict d)
{
	struct sobj *o = &sh->o[at];
	unsigned char *p;
	size_t n;

	if (d->filterParams != NULL || (d->filter & ~(HPDF_UINT)
	    (HPDF_STREAM_FILTER_FLATE_DECODE | HPDF_STREAM_FILTER_DCT_DECODE)))
		fail(c, HPDF_INVALID_OBJECT);
	o->stream = 1;
	p = stream_bytes(c, d->stream, &n);
	if (d->filter == HPDF_STREAM_FILTER_NONE)
		d->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	if (d->filter & HPDF_STREAM_FILTER_FLATE_DECODE) {
		struct buf z;

		buf_init(&z);
		deflate_best(p, n, &z);         /* shared: worth the time */
		free(p);
		o->data = (unsigned char *)buf_detach(&z, &o->len);
	} else {
		o->data = p;
		o->len = n;
	}
	if (d->filter != HPDF_STREAM_FILTER_NONE) {
		buf_puts(&o->raw, "/Filter [");
		if (d->filter & HPDF_STREAM_FILTER_FLATE_DECODE)
			buf_puts(&o->raw, "/FlateDecode");
		if (d->filter & HPDF_STREAM_FILTER_DCT_DECODE)
			buf_puts(&o->raw, (d->filter &
			    HPDF_STREAM_FILTER_FLATE_DECODE) ? " /DCTDecode" :
			    "/DCTDecode");
		buf_puts(&o->raw, "]\012");
	}
}

/* snap_obj: takes indirect object d (and what it refers to, depth
 * first) into sh; returns its index. */
static int
snap_obj(struct hctx *c, struct shared *sh, HPDF_Dict d)
{
	size_t at, i;

	for (i = 0; i < sh->n; i++)
		if (sh->src[i] == d)
			return (int)i;
	if ((d->header.obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
		fail(c, HPDF_INVALID_OBJECT);
	at = sh->n;
	XGROW(sh->o, sh->cap, at + 1);
	sh->src = xreallocarray(sh->src, sh->cap, sizeof(*sh->src));
	memset(&sh->o[at], 0, sizeof(sh->o[at]));
	sh->src[at] = d;
	sh->n++;
	if (d->stream != NULL)
		snap_stream(c, sh, at, d);
	for (i = 0; i < d->list->count; i++) {
		HPDF_DictElement e = HPDF_List_ItemAt(d->list, i);
		HPDF_Obj_Header *h = e->value;

		if (h->obj_id & HPDF_OTYPE_HIDDEN)
			continue;
		if (d->stream != NULL && (strcmp(e->key, "Length") == 0 ||
		    strcmp(e->key, "Filter") == 0))
			continue;
		if (has_proxy(e->value)) {
			if ((h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_PROXY &&
			    (h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_ARRAY)
				fail(c, HPDF_INVALID_OBJECT);
			snap_ref(c, sh, at, e->key, e->value);
		} else {
			snap_direct(c, sh, at, e->key, e->value);
		}
	}
	return (int)at;
}

/* snapshot: the object graph under root, as shared bytes, into sh (zeroed
 * by the caller). Raises through c on error (sh is then freed with
 * shared_free). */
static void
snapshot(struct hctx *c, HPDF_Doc m, HPDF_Dict root, struct shared *sh)
{
	sh->tmp = need(c, HPDF_MemStream_New(m->mmgr, 4096));
	snap_obj(c, sh, root);
	HPDF_Stream_Free(sh->tmp);
	sh->tmp = NULL;
}

/* A read-only stream over shared bytes; the position is per copy. */
struct reader {
	const unsigned char *p;
	size_t len, pos;
	unsigned char **own;    /* NULL, or the owner's pointer to the bytes,
	                           freed and cleared once read to the end
	                           (a page's content, during the save) */
	size_t *freed;          /* with own: bytes so freed, given back to
	                           the system every READ_TRIM bytes */
};

/* A long file's saved page content is given back to the system as the
 * save goes (mem_trim), every this many bytes: the file grows in a
 * block of its own that could not reuse them. */
#define READ_TRIM (8u << 20)

/* reader_done: the bytes have been read to the end: freed if owned. */
static void
reader_done(struct reader *r)
{
	if (r->own == NULL || *r->own == NULL)
		return;
	free(*r->own);
	*r->own = NULL;
	r->p = NULL;
	*r->freed += r->len;
	if (*r->freed >= READ_TRIM) {
		mem_trim();
		*r->freed = 0;
	}
}

static HPDF_STATUS
reader_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *size)
{
	struct reader *r = s->attr;
	size_t n = r->len - r->pos;

	if (n > *size)
		n = *size;
	if (n > 0)
		memcpy(ptr, r->p + r->pos, n);
	r->pos += n;
	if (n < *size) {
		*size = (HPDF_UINT)n;
		reader_done(r);
		return HPDF_STREAM_EOF;
	}
	return HPDF_OK;
}

static HPDF_STATUS
reader_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct reader *r = s->attr;
	long at = mode == HPDF_SEEK_SET ? pos : mode == HPDF_SEEK_CUR ?
	    (long)r->pos + pos : (long)r->len + pos;

	if (at < 0 || (size_t)at > r->len)
		return HPDF_STREAM_EOF;
	r->pos = (size_t)at;
	return HPDF_OK;
}

static HPDF_INT32
reader_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((struct reader *)s->attr)->pos;
}

static HPDF_UINT32
reader_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((struct reader *)s->attr)->len;
}

static void
reader_free(HPDF_Stream s)
{
	HPDF_FreeMem(s->mmgr, s->attr);
}

/* write_raw: HPDF_Dict_Write's hook that adds an object's direct
 * entries: the bytes of the struct buf its attr points to. */
static HPDF_STATUS
write_raw(HPDF_Dict d, HPDF_Stream out)
{
	const struct buf *b = d->attr;

	if (b->len == 0)
		return HPDF_OK;
	return HPDF_Stream_Write(out, (const HPDF_BYTE *)b->p,
	    (HPDF_UINT)b->len);
}

/* raw_dict: a new indirect dictionary of pdf whose direct entries are
 * the bytes of *entries (borrowed until the save). */
static HPDF_Dict
raw_dict(struct hctx *c, HPDF_Doc pdf, const struct buf *entries)
{
	HPDF_Dict d = need(c, HPDF_Dict_New(pdf->mmgr));

	ok(c, HPDF_Xref_Add(pdf->xref, d));
	d->attr = (void *)entries;
	d->write_fn = write_raw;
	return d;
}

/* set_reader: d's stream becomes a reader of the len bytes at data,
 * already filtered (borrowed until the save); libharu's own stream is
 * freed and its filter set to none. Returns the reader (to make it own
 * the bytes). */
static struct reader *
set_reader(struct hctx *c, HPDF_Doc pdf, HPDF_Dict d, const void *data,
    size_t len)
{
	struct reader *r;

	HPDF_Stream_Free(d->stream);
	d->stream = NULL;
	r = need(c, HPDF_GetMem(pdf->mmgr, sizeof(*r)));
	r->p = data;
	r->len = len;
	r->pos = 0;
	r->own = NULL;
	r->freed = NULL;
	d->stream = HPDF_CallbackReader_New(pdf->mmgr, reader_read,
	    reader_seek, reader_tell, reader_size, r);
	if (d->stream == NULL) {
		HPDF_FreeMem(pdf->mmgr, r);
		fail(c, HPDF_FAILD_TO_ALLOC_MEM);
	}
	d->stream->free_fn = reader_free;
	d->filter = HPDF_STREAM_FILTER_NONE;
	return r;
}

/* raw_stream: a new stream object of pdf reading len bytes at data,
 * already filtered (borrowed until the save), whose other entries are
 * the bytes of *entries (/Filter among them). */
static HPDF_Dict
raw_stream(struct hctx *c, HPDF_Doc pdf, const void *data, size_t len,
    const struct buf *entries)
{
	HPDF_Dict d = need(c, HPDF_DictStream_New(pdf->mmgr, pdf->xref));

	set_reader(c, pdf, d, data, len);
	d->attr = (void *)entries;
	d->write_fn = write_raw;
	return d;
}

/* instantiate: copies sh's objects into pdf; returns the copies, the
 * root first, into *inst (caller frees; set before anything can fail). */
static void
instantiate(struct hctx *c, HPDF_Doc pdf, const struct shared *sh,
    HPDF_Dict **out)
{
	HPDF_Dict *inst = xcalloc(sh->n, sizeof(*inst));
	size_t i, j;
	int k;

	*out = inst;
	for (i = 0; i < sh->n; i++) {
		const struct sobj *o = &sh->o[i];

		inst[i] = o->stream ? raw_stream(c, pdf, o->data, o->len,
		    &o->raw) : raw_dict(c, pdf, &o->raw);
	}
	for (i = 0; i < sh->n; i++) {
		for (j = 0; j < sh->o[i].nrefs; j++) {
			const struct sref *ref = &sh->o[i].refs[j];
			HPDF_Array a;

			if (!ref->array) {
				ok(c, HPDF_Dict_Add(inst[i], ref->key,
				    inst[ref->to[0]]));
				continue;
			}
			a = need(c, HPDF_Array_New(pdf->mmgr));
			ok(c, HPDF_Dict_Add(inst[i], ref->key, a));
			for (k = 0; k < ref->n; k++)
				ok(c, HPDF_Array_Add(a, inst[ref->to[k]]));
		}
	}
}

/* --- the device --- */

struct shared_image {
	char *path;
	struct shared *sh;
};

struct pdfdev {
	const struct fontset *fs;
	struct devfonts *fonts;
	struct shared_image *images;
	size_t nimages, images_cap;
	struct buf content;             /* scratch for page operators */
	struct buf zpage_tmp;           /* a page's compressed content */
	struct buf frozen;              /* freeze()'s scratch */
	struct dl_item *items;          /* a packed page's items, unpacked */
	size_t items_cap;
	struct deflater *zpage;
};

struct pdfdev *
pdfdev_new(const struct fontset *fs)
{
	struct pdfdev *dev = xcalloc(1, sizeof(*dev));

	dev->fs = fs;
	dev->fonts = devfonts_new(fs);
	buf_init(&dev->content);
	buf_init(&dev->zpage_tmp);
	buf_init(&dev->frozen);
	dev->zpage = deflater_new(PAGE_ZLEVEL);
	return dev;
}

void
pdfdev_free(struct pdfdev *dev)
{
	size_t i;

	if (dev == NULL)
		return;
	devfonts_free(dev->fonts);
	for (i = 0; i < dev->nimages; i++) {
		free(dev->images[i].path);
		shared_free(dev->images[i].sh);
	}
	free(dev->images);
	buf_free(&dev->content);
	buf_free(&dev->zpage_tmp);
	buf_free(&dev->frozen);
	free(dev->items);
	deflater_free(dev->zpage);
	free(dev);
}

/* report_lib: a libharu failure in words, with its codes for a bug
 * report. */
static void
report_lib(struct diag *d, const struct pos *at, const char *doing,
    const struct hctx *c)
{
	diag_error(d, at, "the PDF library failed while %s (libharu error "
	    "0x%04X, detail %u); expected it to succeed: please report this",
	    doing, (unsigned)c->err, (unsigned)c->detail);
}

/* --- one document --- */

struct gs_cache {
	float alpha;
	HPDF_ExtGState gs;
};

/* What a page's content asks of the document's structure (see "page
 * content" below). */
enum ev_kind { EV_FONT, EV_IMAGE, EV_GS, EV_LINK };

#define EV_NAME 24      /* "F12", "X3", "E16": a letter and a count */

struct page_ev {
	unsigned char kind;     /* an enum ev_kind */
	char name[EV_NAME];     /* the resource's name in the content */
	int arg;                /* face (font), image ref, link: its page */
	float x, y, w, h;       /* link: its box; opacity: x is the alpha */
};

/* Everything a render owns, so that a jump out of libharu frees it. */
struct render {
	struct hctx c;
	struct pdfdev *dev;
	const struct dl_doc *doc;
	struct diag *d;
	struct buf *out;
	void (*done)(void *, size_t);   /* pdfdev_render_cb's */
	void *done_arg;
	HPDF_Doc pdf;
	HPDF_Stream fstream;    /* writes into dev->frozen (freeze) */
	HPDF_Page *pages;
	HPDF_Dict *fonts;       /* per face: its Type0 font, or NULL */
	const char **fname;     /* per face: its resource name on this page */
	char *fnames;           /* per face: EV_NAME bytes for fname */
	int page_fonts;         /* fonts the page uses so far */
	int *pimg, *pgs;        /* the page's images and opacity states so */
	size_t npimg, pimg_cap, npgs, pgs_cap;  /* far, in order of first use */
	float gs_alpha[16];     /* alpha_gs's cache, as page content sees it */
	int gs_ids[16], ngs_model, gs_next;
	struct page_ev *ev;     /* every page's events, in order */
	size_t nev, ev_cap;
	size_t *evfirst;        /* per page: its first event; [npages] */
	unsigned char **zdata;  /* per page: its compressed content, or NULL
	                           (its reader frees it once saved) */
	size_t *zlen;
	size_t zfreed;          /* content bytes saved and freed so far */
	HPDF_Dict *images;      /* per image ref, made on first use */
	HPDF_Dict **iinst;      /* per image ref: all its objects */
	struct gs_cache gs[16];
	int ngs;
	int *lfirst, *lpages;   /* labels(): per page, per range */
	HPDF_Dict *ldicts;
	HPDF_Dict *ols;         /* outlines(): the bookmarks */
	int *lvs;               /* and their levels */
	HPDF_Error_Rec serr;    /* share_page's objects: their error record */
	HPDF_MMgr smm;          /* and allocator, which outlive the document */
	HPDF_Name ptype;        /* every page's /Type */
	HPDF_Name xyz;          /* every destination's /XYZ */
	HPDF_Null null;         /* and its nulls */
	HPDF_Array procset;     /* every page's /ProcSet */
	struct { float w, h; HPDF_Array box; } boxes[4];        /* /MediaBox */
	int nboxes;
	struct frozen **frozen; /* freeze()'s bytes of outlines and links */
	size_t nfrozen, frozen_cap;
	const char *doing;      /* for messages */
};

/* text_obj: a PDF text string: literal when printable ASCII, else
 * UTF-16BE with a byte order mark (code points outside the BMP as
 * surrogate pairs), so titles in any script read back. */
static void *
text_obj(struct hctx *c, HPDF_MMgr mm, const char *s)
{
	size_t n = strlen(s), i = 0, k = 2;
	unsigned char *u;
	void *obj;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7E)
			break;
	if (i == n)
		return need(c, HPDF_String_New(mm, s, NULL));
	u = xmalloc(2 * n + 4);
	u[0] = 0xFE;
	u[1] = 0xFF;
	for (i = 0; i < n;) {
		uint32_t cp;

		i += (size_t)utf8_next(s + i, n - i, &cp);
		if (cp > 0xFFFF) {
			uint32_t v = cp - 0x10000;
			unsigned hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);

			u[k++] = (unsigned char)(hi >> 8);
			u[k++] = (unsigned char)hi;
			cp = lo;
		}
		u[k++] = (unsigned char)(cp >> 8);
		u[k++] = (unsigned char)cp;
	}
	obj = HPDF_Binary_New(mm, u, (HPDF_UINT)k);
	free(u);
	return need(c, obj);
}

/* set_info: title, author, subject, creator, keywords and the dates
 * (only from the document; without has_date, none). */
static void
set_info(struct render *r)
{
	const struct dl_info *in = &r->doc->info;
	const char *keys[] = { "Title", "Author", "Subject", "Creator",
	    "Keywords" };
	const char *vals[] = { in->title, in->author, in->subject,
	    in->creator, in->keywords };
	size_t i;

	for (i = 0; i < NELEM(keys); i++)
		if (vals[i] != NULL && vals[i][0] != '\0')
			ok(&r->c, HPDF_Dict_Add(r->pdf->info, keys[i],
			    text_obj(&r->c, r->pdf->mmgr, vals[i])));
	if (in->has_date) {
		time_t t = (time_t)in->epoch;
		struct tm tm;
		HPDF_Date date;

		if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 < 1 ||
		    tm.tm_year + 1900 > 9999)
			return;
		memset(&date, 0, sizeof(date));
		date.year = tm.tm_year + 1900;
		date.month = tm.tm_mon + 1;
		date.day = tm.tm_mday;
		date.hour = tm.tm_hour;
		date.minutes = tm.tm_min;
		date.seconds = tm.tm_sec;
		date.ind = 'Z';
		ok(&r->c, HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_CREATION_DATE,
		    date));
		ok(&r->c, HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_MOD_DATE, date));
	}
}

/* font_objects: the document's objects of one face's font: a simple
 * TrueType font, or a Type0 font and its CIDFontType2; descriptor, font
 * file and ToUnicode map. */
static HPDF_Dict
font_objects(struct render *r, const struct fontdoc *fd)
{
	struct hctx *c = &r->c;
	HPDF_Doc pdf = r->pdf;
	HPDF_Dict font = raw_dict(c, pdf, &fd->font);
	HPDF_Dict cf = fd->simple ? font : raw_dict(c, pdf, &fd->cidfont);
	HPDF_Dict de = raw_dict(c, pdf, &fd->descriptor);

	if (!fd->simple) {
		HPDF_Array a = need(c, HPDF_Array_New(pdf->mmgr));

		ok(c, HPDF_Dict_Add(font, "DescendantFonts", a));
		ok(c, HPDF_Array_Add(a, cf));
	}
	ok(c, HPDF_Dict_Add(font, "ToUnicode", raw_stream(c, pdf,
	    fd->tounicode.p, fd->tounicode.len, &fd->tounicode_dict)));
	ok(c, HPDF_Dict_Add(cf, "FontDescriptor", de));
	ok(c, HPDF_Dict_Add(de, "FontFile2", raw_stream(c, pdf, fd->prog.p,
	    fd->prog.len, &fd->prog_dict)));
	return font;
}

/* embed_fonts: the objects of each face's font for the document
 * (devfonts_begin made them: only the document's code points). */
static void
embed_fonts(struct render *r)
{
	size_t f, nf = fontset_nfaces(r->dev->fs);

	r->doing = "embedding a font";
	for (f = 0; f < nf; f++) {
		const struct fontdoc *fd = devfonts_doc(r->dev->fonts, (int)f);

		if (fd != NULL)
			r->fonts[f] = font_objects(r, fd);
	}
}

/* alpha_gs: the ExtGState resource name of a fill opacity on page pg. */
static const char *
alpha_gs(struct render *r, HPDF_Page pg, float alpha)
{
	int i;

	for (i = 0; i < r->ngs; i++)
		if (r->gs[i].alpha == alpha)
			break;
	if (i == r->ngs) {
		if (r->ngs == (int)NELEM(r->gs))
			i = r->ngs - 1;         /* rare: reuse the last slot */
		else
			r->ngs++;
		r->gs[i].alpha = alpha;
		r->gs[i].gs = need(&r->c, HPDF_CreateExtGState(r->pdf));
		ok(&r->c, HPDF_ExtGState_SetAlphaFill(r->gs[i].gs,
		    alpha < 0 ? 0 : alpha));
	}
	return need(&r->c, (void *)HPDF_Page_GetExtGStateName(pg,
	    r->gs[i].gs));
}

/* --- images --- */

enum img_type { IMG_BAD, IMG_PNG, IMG_JPEG };

/* image_type: PNG or JPEG by signature; IMG_BAD after reporting. */
static enum img_type
image_type(const char *path, struct diag *d)
{
	struct pos at = { path, 0, 0 };
	unsigned char sig[8];
	const char *why;
	FILE *f = file_open(path, NULL, &why);
	size_t n;

	if (f == NULL) {
		diag_error(d, &at, "cannot read the image: %s", why != NULL ?
		    why : strerror(errno));
		return IMG_BAD;
	}
	n = fread(sig, 1, sizeof(sig), f);
	fclose(f);
	if (n == 8 && memcmp(sig, "\x89PNG\r\n\x1a\n", 8) == 0)
		return IMG_PNG;
	if (n >= 3 && sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF)
		return IMG_JPEG;
	diag_error(d, &at, "not an image revpack can embed; expected a PNG or "
	    "JPEG file");
	return IMG_BAD;
}

static HPDF_Image
load_image(struct hctx *c, HPDF_Doc pdf, const char *path, enum img_type t)
{
	return need(c, t == IMG_PNG ? HPDF_LoadPngImageFromFile(pdf, path) :
	    HPDF_LoadJpegImageFromFile(pdf, path));
}

/* shared_image: the device's shared copy of an image, made on first use
 * in a scratch document (the file is opened only then, not once per
 * document). NULL after reporting. */
static const struct shared *
shared_image(struct pdfdev *dev, const char *path, struct diag *d)
{
	struct pos at = { path, 0, 0 };
	struct hctx c;
	HPDF_Doc volatile m = NULL;
	struct shared *sh;
	enum img_type t;
	size_t i;

	for (i = 0; i < dev->nimages; i++)
		if (strcmp(dev->images[i].path, path) == 0)
			return dev->images[i].sh;
	t = image_type(path, d);
	if (t == IMG_BAD)
		return NULL;
	sh = xcalloc(1, sizeof(*sh));
	if (setjmp(c.jmp) != 0) {
		HPDF_Free(m);
		shared_free(sh);
		diag_error(d, &at, "cannot embed the image (libharu error "
		    "0x%04X, detail %u); expected a readable PNG or baseline "
		    "JPEG file", (unsigned)c.err, (unsigned)c.detail);
		return NULL;
	}
	m = need(&c, HPDF_New(on_error, &c));
	ok(&c, HPDF_SetCompressionMode(m, HPDF_COMP_ALL));
	snapshot(&c, m, load_image(&c, m, path, t), sh);
	HPDF_Free(m);
	XGROW(dev->images, dev->images_cap, dev->nimages + 1);
	dev->images[dev->nimages].path = xstrdup(path);
	dev->images[dev->nimages].sh = sh;
	dev->nimages++;
	return sh;
}

/* image_obj: the XObject of image `ref` in this document. */
static HPDF_Dict
image_obj(struct render *r, int ref)
{
	const struct shared *sh;

	if (ref < 0 || (size_t)ref >= r->doc->nimages) {
		diag_error(r->d, NULL, "image %d does not exist (a revpack bug)",
		    ref);
		fail_reported(&r->c);
	}
	if (r->images[ref] != NULL)
		return r->images[ref];
	r->doing = "embedding an image";
	sh = shared_image(r->dev, r->doc->images[ref], r->d);
	if (sh == NULL)
		fail_reported(&r->c);
	instantiate(&r->c, r->pdf, sh, &r->iinst[ref]);
	r->images[ref] = r->iinst[ref][0];
	return r->images[ref];
}

/* --- pages and navigation --- */

static void shared_init(struct render *r);

/* destination: [page /XYZ null top null]: jump to `top` on the page and
 * keep the reader's zoom (libharu's SetXYZ refuses a null zoom). The
 * name and the nulls are shared objects (see share_page), put in the
 * list as they are: libharu's Array_Add would refer to them. */
static HPDF_Destination
destination(struct render *r, int page, float top)
{
	HPDF_Page pg = r->pages[page];
	HPDF_Destination dst = need(&r->c, HPDF_Page_CreateDestination(pg));

	shared_init(r);
	HPDF_Array_Clear(dst);
	ok(&r->c, HPDF_Array_Add(dst, pg));
	ok(&r->c, HPDF_List_Add(dst->list, r->xyz));
	ok(&r->c, HPDF_List_Add(dst->list, r->null));
	ok(&r->c, HPDF_Array_AddReal(dst, top));
	ok(&r->c, HPDF_List_Add(dst->list, r->null));
	return dst;
}

/* --- frozen dictionaries: libharu keeps a dictionary's entries as
 * 136-byte records holding objects of their own (a name takes 144
 * bytes), about 5 KB for a page with its resources. Once a page (or a
 * link) is complete, its entries are written out as the bytes libharu
 * would write at the save, kept in one hidden entry, and the records
 * freed; a hook writes the bytes back in their place. --- */

#define FROZEN_KEY "RevpackFrozen"

/* write_out: the callback stream libharu saves into: straight into the
 * caller's buffer (and freeze's scratch). */
static HPDF_STATUS
write_out(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
	buf_put(s->attr, p, n);
	return HPDF_OK;
}


/* A frozen dictionary's bytes, when the dictionary's attr is free to
 * point at them (an outline or a link; a page's attr is libharu's). The
 * render owns them. */
struct frozen {
	size_t len;
	unsigned char b[];
};

static int
is_page(HPDF_Dict d)
{
	return d->header.obj_class == (HPDF_OCLASS_DICT | HPDF_OSUBCLASS_PAGE);
}

/* write_frozen: HPDF_Dict_Write's hook for a frozen dictionary: its
 * bytes, where its entries were (it has none but a hidden one). */
static HPDF_STATUS
write_frozen(HPDF_Dict d, HPDF_Stream out)
{
	const struct frozen *f = d->attr;
	HPDF_Binary b;

	if (!is_page(d))
		return HPDF_Stream_Write(out, f->b, (HPDF_UINT)f->len);
	b = HPDF_Dict_GetItem(d, FROZEN_KEY, HPDF_OCLASS_BINARY);
	if (b == NULL)
		return HPDF_INVALID_OBJECT;
	return HPDF_Stream_Write(out, b->value, b->len);
}

/* keep_frozen: the bytes in dev->frozen kept for d: in a struct frozen
 * that d's attr points at, or (a page) in a hidden entry of d. */
static void
keep_frozen(struct render *r, HPDF_Dict d)
{
	const struct buf *b = &r->dev->frozen;
	struct frozen *f;
	HPDF_Binary bin;

	if (!is_page(d)) {
		f = xmalloc(sizeof(*f) + b->len);
		f->len = b->len;
		memcpy(f->b, b->p, b->len);
		XGROW(r->frozen, r->frozen_cap, r->nfrozen + 1);
		r->frozen[r->nfrozen++] = f;
		d->attr = f;
		return;
	}
	bin = need(&r->c, HPDF_Binary_New(d->mmgr, (HPDF_BYTE *)b->p,
	    (HPDF_UINT)b->len));
	bin->header.obj_id |= HPDF_OTYPE_HIDDEN;
	ok(&r->c, HPDF_Dict_Add(d, FROZEN_KEY, bin));
}

/* freeze: d's entries as bytes written the way HPDF_Dict_Write writes
 * them (key, space, value, newline; hidden ones left out), then d holds
 * only those bytes. Every object an entry refers to already has its
 * number; `tail` (or NULL) is written after them, as an entry libharu's
 * own hook would have added. A dictionary with hooks of its own is left
 * as it is (a page's
 * only checks libharu's graphics mode, which revpack never changes), and
 * so is one whose attr or free hook libharu uses but a page's. */
static void
freeze(struct render *r, HPDF_Dict d, const char *tail)
{
	struct buf *b = &r->dev->frozen;
	HPDF_UINT i;

	if (d->write_fn != NULL || d->stream != NULL ||
	    (!is_page(d) && (d->before_write_fn != NULL || d->attr != NULL ||
	    d->free_fn != NULL)))
		return;
	if (r->fstream == NULL)
		r->fstream = need(&r->c, HPDF_CallbackWriter_New(r->pdf->mmgr,
		    write_out, b));
	buf_reset(b);
	for (i = 0; i < d->list->count; i++) {
		HPDF_DictElement e = HPDF_List_ItemAt(d->list, i);
		HPDF_Obj_Header *h = e->value;

		if (h->obj_id & HPDF_OTYPE_HIDDEN)
			continue;
		ok(&r->c, HPDF_Stream_WriteEscapeName(r->fstream, e->key));
		ok(&r->c, HPDF_Stream_WriteChar(r->fstream, ' '));
		ok(&r->c, HPDF_Obj_Write(e->value, r->fstream, NULL));
		ok(&r->c, HPDF_Stream_WriteStr(r->fstream, "\012"));
	}
	if (tail != NULL)
		buf_puts(b, tail);
	if (b->len == 0)
		return;
	while (d->list->count > 0) {
		HPDF_DictElement e = HPDF_List_ItemAt(d->list, 0);

		HPDF_List_Remove(d->list, e);
		HPDF_Obj_Free(d->mmgr, e->value);
		HPDF_FreeMem(d->mmgr, e);
	}
	HPDF_List_Clear(d->list);
	keep_frozen(r, d);
	d->write_fn = write_frozen;
}

/* freeze_page: a page whose resources and links are complete; its
 * graphics state (libharu's, which revpack never uses) goes too. */
static void
freeze_page(struct render *r, HPDF_Page pg)
{
	HPDF_PageAttr pa = pg->attr;

	freeze(r, pg, NULL);
	pa->fonts = pa->xobjects = pa->ext_gstates = NULL;
	if (pa->gstate != NULL && pa->gstate->prev == NULL) {
		HPDF_GState_Free(pg->mmgr, pa->gstate);
		pa->gstate = NULL;
	}
}

/* add_link: a borderless link annotation over the box of event e to the
 * top of page e->arg. */
static void
add_link(struct render *r, HPDF_Page pg, const struct page_ev *e)
{
	HPDF_Rect rect;
	HPDF_Annotation a;

	if (e->arg < 0 || (size_t)e->arg >= r->doc->npages) {
		diag_error(r->d, NULL, "a link to page %d of %zu (a revpack "
		    "bug)", e->arg + 1, r->doc->npages);
		fail_reported(&r->c);
	}
	rect.left = e->x;
	rect.bottom = e->y;
	rect.right = e->x + e->w;
	rect.top = e->y + e->h;
	a = need(&r->c, HPDF_Page_CreateLinkAnnot(pg, rect,
	    destination(r, e->arg, r->doc->pages[e->arg].height)));
	ok(&r->c, HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0));
	freeze(r, a, NULL);
}

/* write_flate: HPDF_Dict_Write's hook naming the filter of a stream we
 * compressed ourselves (its libharu filter is none). */
static HPDF_STATUS
write_flate(HPDF_Dict d, HPDF_Stream out)
{
	(void)d;
	return HPDF_Stream_WriteStr(out, "/Filter [/FlateDecode]\012");
}

/* --- page content, made before libharu holds any page: each page's
 * operators are written and compressed, and what they ask of the
 * document's structure (a font, an image or an opacity as a resource of
 * the page, a link) is recorded as events with the resource names
 * libharu will give (it names a page's resources F1, F2, ... X1, ... E1,
 * ... in the order of their first use on the page). Only then are the
 * pages built and the events replayed, in the order the objects were
 * always created, each name checked against the one the content used:
 * the bytes are those of drawing the page straight into libharu, but a
 * long document never holds its display list, its page content and
 * libharu's pages all at once. --- */

/* ev_add: a new event of page content, zeroed but for its kind. */
static struct page_ev *
ev_add(struct render *r, enum ev_kind kind)
{
	struct page_ev *e;

	XGROW(r->ev, r->ev_cap, r->nev + 1);
	e = &r->ev[r->nev++];
	memset(e, 0, sizeof(*e));
	e->kind = (unsigned char)kind;
	return e;
}

/* res_name: the name of the resource `id` of one kind on the current
 * page ("X2" for the second image it uses): ids[] holds the page's ids
 * of that kind in order of first use. */
static void
res_name(char prefix, int id, int **ids, size_t *n, size_t *cap,
    char name[EV_NAME])
{
	size_t k;

	for (k = 0; k < *n && (*ids)[k] != id; k++)
		;
	if (k == *n) {
		XGROW(*ids, *cap, *n + 1);
		(*ids)[(*n)++] = id;
	}
	snprintf(name, EV_NAME, "%c%zu", prefix, k + 1);
}

/* gs_id: the opacity state alpha_gs will give for `alpha`, by the same
 * rule (16 slots, the last one reused when they are full), as an id
 * that is new for each state it creates. */
static int
gs_id(struct render *r, float alpha)
{
	int i;

	for (i = 0; i < r->ngs_model; i++)
		if (r->gs_alpha[i] == alpha)
			return r->gs_ids[i];
	if (r->ngs_model == (int)NELEM(r->gs_alpha))
		i = r->ngs_model - 1;
	else
		i = r->ngs_model++;
	r->gs_alpha[i] = alpha;
	r->gs_ids[i] = ++r->gs_next;
	return r->gs_ids[i];
}

/* shaped_text: a text item that is shaped, in face f's font. */
static void
shaped_text(struct render *r, struct pdfops *ops, int f,
    const struct dl_item *it)
{
	const int *w;
	const struct font_shaped *sh = devfonts_shape(r->dev->fonts, it, &w);

	ops_glyphs(ops, r->fname[f], it, sh, w,
	    devfonts_gcodes(r->dev->fonts, f),
	    devfonts_doc(r->dev->fonts, f)->simple ? 1 : 2);
}

/* text_font: the resource name of face f on the current page, an event
 * at its first use there. */
static const char *
text_font(struct render *r, int f)
{
	struct page_ev *e;

	if (r->fname[f] != NULL)
		return r->fname[f];
	e = ev_add(r, EV_FONT);
	e->arg = f;
	snprintf(e->name, EV_NAME, "F%d", ++r->page_fonts);
	memcpy(r->fnames + (size_t)f * EV_NAME, e->name, EV_NAME);
	r->fname[f] = r->fnames + (size_t)f * EV_NAME;
	return r->fname[f];
}

/* page_item: one item's operators into ops, and its events. */
static void
page_item(struct render *r, struct pdfops *ops, const struct dl_item *it)
{
	struct page_ev *e;
	int f;

	switch (it->kind) {
	case DL_TEXT:
		if (it->len == 0)
			break;
		f = devfonts_face(r->dev->fonts, it->face);
		text_font(r, f);
		if (dl_text_shaped(it))
			shaped_text(r, ops, f, it);
		else
			ops_text(ops, r->fname[f], it,
			    devfonts_codes(r->dev->fonts, f),
			    devfonts_doc(r->dev->fonts, f)->simple ? 1 : 2);
		break;
	case DL_IMAGE:
		e = ev_add(r, EV_IMAGE);
		e->arg = it->ref;
		res_name('X', it->ref, &r->pimg, &r->npimg, &r->pimg_cap,
		    e->name);
		ops_image(ops, e->name, it);
		break;
	case DL_LINK:
		e = ev_add(r, EV_LINK);
		e->arg = it->ref;
		e->x = it->x;
		e->y = it->y;
		e->w = it->w;
		e->h = it->h;
		break;
	default:
		if (!(it->fill_on && it->alpha < 1)) {
			ops_shape(ops, it, NULL);
			break;
		}
		e = ev_add(r, EV_GS);
		e->x = it->alpha;
		res_name('E', gs_id(r, it->alpha), &r->pgs, &r->npgs,
		    &r->pgs_cap, e->name);
		ops_shape(ops, it, e->name);
		break;
	}
}

/* page_content: the operators of page i, compressed into a block of its
 * own, and its events; then its items are handed back (r->done). */
static void
page_content(struct render *r, size_t i)
{
	const struct dl_page *p = &r->doc->pages[i];
	const struct dl_item *items;
	struct buf *b = &r->dev->content;
	struct pdfops ops;
	size_t k, n, nf = fontset_nfaces(r->dev->fs);

	buf_reset(b);
	ops_start(&ops, b);
	memset(r->fname, 0, nf * sizeof(*r->fname));
	r->page_fonts = 0;
	r->npimg = r->npgs = 0;
	r->evfirst[i] = r->nev;
	items = dl_page_items(p, &r->dev->items, &r->dev->items_cap, &n);
	for (k = 0; k < n; k++)
		page_item(r, &ops, &items[k]);
	ops_finish(&ops);
	r->evfirst[i + 1] = r->nev;
	if (b->len > 0) {
		buf_reset(&r->dev->zpage_tmp);
		deflater_run(r->dev->zpage, b->p, b->len, &r->dev->zpage_tmp);
		r->zlen[i] = r->dev->zpage_tmp.len;
		r->zdata[i] = xmalloc(r->zlen[i]);
		memcpy(r->zdata[i], r->dev->zpage_tmp.p, r->zlen[i]);
	}
	if (r->done != NULL)
		r->done(r->done_arg, i);
}

/* check_name: the name libharu gave a resource must be the one the
 * page's content already uses. */
static void
check_name(struct render *r, const char *got, const struct page_ev *e)
{
	need(&r->c, (void *)got);
	if (strcmp(got, e->name) == 0)
		return;
	diag_error(r->d, NULL, "a page resource named %s where its content "
	    "says %s (a revpack bug)", got, e->name);
	fail_reported(&r->c);
}

/* page_objects: page i's resources and links, from its events in
 * order; then the page is frozen. */
static void
page_objects(struct render *r, size_t i)
{
	HPDF_Page pg = r->pages[i];
	size_t k;

	for (k = r->evfirst[i]; k < r->evfirst[i + 1]; k++) {
		const struct page_ev *e = &r->ev[k];

		switch ((enum ev_kind)e->kind) {
		case EV_FONT:
			check_name(r, HPDF_Page_GetLocalFontName(pg,
			    r->fonts[e->arg]), e);
			break;
		case EV_IMAGE:
			check_name(r, HPDF_Page_GetXObjectName(pg,
			    image_obj(r, e->arg)), e);
			break;
		case EV_GS:
			check_name(r, alpha_gs(r, pg, e->x), e);
			break;
		case EV_LINK:
			add_link(r, pg, e);
			break;
		}
	}
	freeze_page(r, pg);
}

/* freeze_outlines: the bookmarks, once all are made, frozen. libharu
 * sets an outline's /Count when it writes it, from its children's
 * entries, so every count is set first (the hook each outline has for
 * that, called now: nothing changes them after), then the hooks are
 * dropped and the outlines below the root frozen. */
static void
freeze_outlines(struct render *r)
{
	HPDF_Dict root = r->pdf->outlines;
	size_t i, n = r->doc->noutlines;

	if (root == NULL || n == 0)
		return;
	r->doing = "adding bookmarks and page labels";
	for (i = 0; i < n; i++)
		if (r->ols[i]->before_write_fn != NULL)
			ok(&r->c, r->ols[i]->before_write_fn(r->ols[i]));
	if (root->before_write_fn != NULL)
		ok(&r->c, root->before_write_fn(root));
	root->before_write_fn = NULL;
	for (i = 0; i < n; i++) {
		r->ols[i]->before_write_fn = NULL;
		freeze(r, r->ols[i], NULL);
	}
}

/* outline_levels: each bookmark's level as outlines() nests it (a level
 * deeper than the one before nests under it; a jump of several levels
 * nests one level) into lv[]; 1 when no bookmark goes more than one level
 * deeper than the one before (it then nests under a bookmark that is
 * still being filled: outline_done may freeze each one as soon as the
 * next at its level or above is made), else 0. */
static int
outline_levels(const struct dl_doc *doc, int *lv)
{
	int set[8] = { 0 }, steady = 1;
	size_t i;

	for (i = 0; i < doc->noutlines; i++) {
		int l = doc->outlines[i].level;

		l = l < 0 ? 0 : l > 7 ? 7 : l;
		while (l > 0 && (i == 0 || !set[l - 1]))
			l--;
		if (i > 0 && l > lv[i - 1] + 1)
			steady = 0;
		lv[i] = l;
		set[l] = 1;
		if (l + 1 < (int)NELEM(set))
			set[l + 1] = 0;
	}
	return steady;
}

/* outline_done: a bookmark whose children and next sibling are all made,
 * frozen with the /Count libharu's hook would write: the number of its
 * children (none of which is open: only the top level is), negated when
 * it is closed itself, and none at 0. */
static void
outline_done(struct render *r, HPDF_Dict ol, int opened, int kids)
{
	char tail[32];

	tail[0] = '\0';
	if (kids > 0)
		snprintf(tail, sizeof tail, "/Count %d\012", opened ? kids :
		    -kids);
	ol->before_write_fn = NULL;
	freeze(r, ol, tail);
}

/* outlines: the bookmarks, nested by outline_levels. Each is frozen as
 * soon as it is complete (a packet of 100,000 people has about 90,000),
 * and so is the root at the end, its /Count being the bookmarks its open
 * top level shows (the top level and the one below). When a jump of
 * levels could nest a bookmark under a complete one, they are all frozen
 * at the end instead (freeze_outlines). */
static void
outlines(struct render *r)
{
	const struct dl_doc *doc = r->doc;
	HPDF_Outline parent[8] = { NULL };
	int *lvs = xcalloc(doc->noutlines + 1, sizeof(*lvs));
	int open_i[8], kids[8], steady, shown = 0, k;
	size_t i;
	char tail[32];

	r->lvs = lvs;           /* render_free frees it */
	r->ols = xcalloc(doc->noutlines + 1, sizeof(*r->ols));
	steady = outline_levels(doc, lvs);
	for (k = 0; k < 8; k++)
		open_i[k] = -1;
	for (i = 0; i < doc->noutlines; i++) {
		const struct dl_outline *o = &doc->outlines[i];
		int lv = lvs[i];
		HPDF_Outline ol;

		if (o->page < 0 || (size_t)o->page >= doc->npages) {
			diag_error(r->d, NULL, "a bookmark to page %d of %zu (a "
			    "revpack bug)", o->page + 1, doc->npages);
			fail_reported(&r->c);
		}
		ol = need(&r->c, HPDF_CreateOutline(r->pdf, lv > 0 ?
		    parent[lv - 1] : NULL, "", NULL));
		ok(&r->c, HPDF_Dict_Add(ol, "Title",
		    text_obj(&r->c, r->pdf->mmgr, o->title ? o->title : "")));
		ok(&r->c, HPDF_Outline_SetDestination(ol,
		    destination(r, o->page, o->y)));
		ok(&r->c, HPDF_Outline_SetOpened(ol, lv == 0));
		r->ols[i] = ol;
		parent[lv] = ol;
		if (lv + 1 < (int)NELEM(parent))
			parent[lv + 1] = NULL;
		shown += lv <= 1;
		if (!steady)
			continue;
		if (lv > 0)
			kids[lv - 1]++;
		for (k = 7; k >= lv; k--)
			if (open_i[k] >= 0) {
				outline_done(r, r->ols[open_i[k]], k == 0,
				    kids[k]);
				open_i[k] = -1;
			}
		open_i[lv] = (int)i;
		kids[lv] = 0;
	}
	if (!steady || r->pdf->outlines == NULL) {
		freeze_outlines(r);
		return;
	}
	for (k = 7; k >= 0; k--)
		if (open_i[k] >= 0)
			outline_done(r, r->ols[open_i[k]], k == 0, kids[k]);
	tail[0] = '\0';
	if (shown > 0)
		snprintf(tail, sizeof tail, "/Count %d\012", shown);
	r->pdf->outlines->before_write_fn = NULL;
	freeze(r, r->pdf->outlines, tail);
}

/* label_dict: the page label dictionary of range l. */
static HPDF_Dict
label_dict(struct render *r, const struct dl_label *l)
{
	static const char *const style[] = { "D", "r", "R", NULL };
	HPDF_Dict d = need(&r->c, HPDF_Dict_New(r->pdf->mmgr));

	if ((unsigned)l->style < NELEM(style) && style[l->style])
		ok(&r->c, HPDF_Dict_AddName(d, "S", style[l->style]));
	if (l->prefix != NULL && l->prefix[0] != '\0')
		ok(&r->c, HPDF_Dict_Add(d, "P", text_obj(&r->c, r->pdf->mmgr,
		    l->prefix)));
	if (l->first != 1 && l->style != DL_LABEL_NONE)
		ok(&r->c, HPDF_Dict_AddNumber(d, "St", l->first));
	return d;
}

/* libharu keeps page labels in one /Nums array, which holds at most
 * 32,767 items (8,191 in old readers), two per range: more ranges than
 * LABELS_FLAT (a packet of a manager with thousands of reports) go into
 * a number tree of leaves of LABELS_PER_LEAF ranges. */
#define LABELS_FLAT 4095
#define LABELS_PER_LEAF 1024

/* label_tree: the ranges starting at pages[0..n-1] (ascending), labelled
 * dicts[], as a two-level number tree under the catalog. */
static void
label_tree(struct render *r, const int *pages, HPDF_Dict *dicts, size_t n)
{
	HPDF_MMgr m = r->pdf->mmgr;
	HPDF_Dict root = need(&r->c, HPDF_Dict_New(m));
	HPDF_Array kids = need(&r->c, HPDF_Array_New(m));
	size_t i, k;

	ok(&r->c, HPDF_Dict_Add(root, "Kids", kids));
	for (i = 0; i < n; i += LABELS_PER_LEAF) {
		size_t end = i + LABELS_PER_LEAF < n ? i + LABELS_PER_LEAF : n;
		HPDF_Dict leaf = need(&r->c, HPDF_Dict_New(m));
		HPDF_Array lim = need(&r->c, HPDF_Array_New(m));
		HPDF_Array nums = need(&r->c, HPDF_Array_New(m));

		ok(&r->c, HPDF_Xref_Add(r->pdf->xref, leaf));
		ok(&r->c, HPDF_Array_Add(kids, leaf));
		ok(&r->c, HPDF_Array_AddNumber(lim, pages[i]));
		ok(&r->c, HPDF_Array_AddNumber(lim, pages[end - 1]));
		ok(&r->c, HPDF_Dict_Add(leaf, "Limits", lim));
		ok(&r->c, HPDF_Dict_Add(leaf, "Nums", nums));
		for (k = i; k < end; k++) {
			ok(&r->c, HPDF_Array_AddNumber(nums, pages[k]));
			ok(&r->c, HPDF_Array_Add(nums, dicts[k]));
		}
	}
	ok(&r->c, HPDF_Dict_Add(r->pdf->catalog, "PageLabels", root));
}

/* labels: the document's page labels. A page takes the first range (in
 * the display list's order) that starts on it; a range with no page
 * starts on the first. When the first range starts later, the pages
 * before it are numbered 1, 2, ... */
static void
labels(struct render *r)
{
	const struct dl_doc *doc = r->doc;
	size_t np = doc->npages, i, n = 0;
	int *first = xmalloc((np + 1) * sizeof *first);
	int *pages = xmalloc((np + 1) * sizeof *pages);
	HPDF_Dict *dicts = xmalloc((np + 1) * sizeof *dicts);
	struct dl_label plain = { 0, DL_LABEL_DECIMAL, NULL, 1 };

	r->lfirst = first;              /* render_free frees them */
	r->lpages = pages;
	r->ldicts = dicts;
	for (i = 0; i < np; i++)
		first[i] = -1;
	for (i = 0; i < doc->nlabels; i++) {
		int p = doc->labels[i].page < 0 ? 0 : doc->labels[i].page;

		if ((size_t)p < np && first[p] < 0)
			first[p] = (int)i;
	}
	for (i = 0; i < np; i++) {
		if (first[i] < 0)
			continue;
		if (n == 0 && i > 0) {
			pages[n] = 0;
			dicts[n++] = label_dict(r, &plain);
		}
		pages[n] = (int)i;
		dicts[n++] = label_dict(r, &doc->labels[first[i]]);
	}
	if (n > LABELS_FLAT)
		label_tree(r, pages, dicts, n);
	else
		for (i = 0; i < n; i++)
			ok(&r->c, HPDF_Catalog_AddPageLabel(r->pdf->catalog,
			    (HPDF_UINT)pages[i], dicts[i]));
}

#define PAGES_FLAT 8191
#define PAGES_PER_NODE 1024

/* --- a page's constant entries, shared: libharu gives every page a
 * /Type name, a /MediaBox array and a /ProcSet array of five names of
 * its own (1.8 KB), which every page held until it was frozen
 * (page_objects), 70 MB for a packet of 38,000 pages; and every
 * destination an /XYZ name and two nulls (100,000 of them there). Each becomes one
 * object for all the pages, marked indirect though it is in no
 * cross-reference table: libharu writes an object an entry holds by
 * value unless it is a proxy, and frees only what is not marked
 * indirect, so no page frees it. They come from an allocator of the
 * render's own and are freed after libharu's document. --- */

static void *
shared_obj(struct render *r, void *obj)
{
	HPDF_Obj_Header *h = need(&r->c, obj);

	h->obj_id |= HPDF_OTYPE_INDIRECT;
	return obj;
}

/* swap_value: the value of d's entry `key` becomes the shared obj. */
static void
swap_value(struct render *r, HPDF_Dict d, const char *key, void *obj)
{
	HPDF_UINT i;

	for (i = 0; i < d->list->count; i++) {
		HPDF_DictElement e = HPDF_List_ItemAt(d->list, i);

		if (strcmp(e->key, key) == 0) {
			HPDF_Obj_Free(d->mmgr, e->value);
			e->value = obj;
			return;
		}
	}
	fail(&r->c, HPDF_INVALID_OBJECT);
}

/* shared_box: the shared /MediaBox of a w x h page, or NULL (more sizes
 * than slots: the page keeps its own). */
static HPDF_Array
shared_box(struct render *r, float w, float h)
{
	HPDF_Box box;
	int i;

	for (i = 0; i < r->nboxes; i++)
		if (r->boxes[i].w == w && r->boxes[i].h == h)
			return r->boxes[i].box;
	if (r->nboxes == (int)NELEM(r->boxes))
		return NULL;
	box.left = box.bottom = 0;
	box.right = w;
	box.top = h;
	r->boxes[i].w = w;
	r->boxes[i].h = h;
	r->boxes[i].box = shared_obj(r, HPDF_Box_Array_New(r->smm, box));
	r->nboxes++;
	return r->boxes[i].box;
}

/* shared_init: the shared objects, made on first use. */
static void
shared_init(struct render *r)
{
	static const char *const procset[] = { "PDF", "Text", "ImageB",
	    "ImageC", "ImageI" };
	size_t i;

	if (r->smm != NULL)
		return;
	HPDF_Error_Init(&r->serr, NULL);
	r->smm = need(&r->c, HPDF_MMgr_New(&r->serr, 0, NULL, NULL));
	r->ptype = shared_obj(r, HPDF_Name_New(r->smm, "Page"));
	r->xyz = shared_obj(r, HPDF_Name_New(r->smm, "XYZ"));
	r->null = shared_obj(r, HPDF_Null_New(r->smm));
	r->procset = shared_obj(r, HPDF_Array_New(r->smm));
	for (i = 0; i < NELEM(procset); i++)
		ok(&r->c, HPDF_Array_AddName(r->procset, procset[i]));
}

/* share_page: page pg (just added, w x h) takes the shared entries. */
static void
share_page(struct render *r, HPDF_Page pg, float w, float h)
{
	HPDF_Dict res;
	HPDF_Array box;

	shared_init(r);
	swap_value(r, pg, "Type", r->ptype);
	box = shared_box(r, w, h);
	if (box != NULL)
		swap_value(r, pg, "MediaBox", box);
	res = need(&r->c, HPDF_Dict_GetItem(pg, "Resources",
	    HPDF_OCLASS_DICT));
	swap_value(r, res, "ProcSet", r->procset);
}

/* shared_free_all: the shared entries, once libharu's document is
 * freed. */
static void
shared_free_all(struct render *r)
{
	void *objs[NELEM(r->boxes) + 4];
	size_t n = 0, i;
	int k;

	if (r->smm == NULL)
		return;
	objs[n++] = r->ptype;
	objs[n++] = r->xyz;
	objs[n++] = r->null;
	objs[n++] = r->procset;
	for (k = 0; k < r->nboxes; k++)
		objs[n++] = r->boxes[k].box;
	for (i = 0; i < n; i++) {
		HPDF_Obj_Header *h = objs[i];

		if (h == NULL)
			continue;
		h->obj_id &= ~(HPDF_UINT32)HPDF_OTYPE_INDIRECT;
		HPDF_Obj_ForceFree(r->smm, h);
	}
	HPDF_MMgr_Free(r->smm);
	r->smm = NULL;
}

/* new_page: page i added to the document, its size set, its content
 * stream reading the compressed bytes made for it (a page without
 * operators keeps libharu's empty stream), its constant entries shared
 * and libharu's graphics state, which revpack never uses, freed. */
static void
new_page(struct render *r, size_t i)
{
	const struct dl_page *p = &r->doc->pages[i];
	HPDF_Page pg = need(&r->c, HPDF_AddPage(r->pdf));
	HPDF_PageAttr pa = pg->attr;

	r->pages[i] = pg;
	ok(&r->c, HPDF_Page_SetWidth(pg, p->width));
	ok(&r->c, HPDF_Page_SetHeight(pg, p->height));
	share_page(r, pg, p->width, p->height);
	if (r->zlen[i] > 0) {
		struct reader *rd = set_reader(&r->c, r->pdf, pa->contents,
		    r->zdata[i], r->zlen[i]);

		rd->own = &r->zdata[i];
		rd->freed = &r->zfreed;
		pa->stream = pa->contents->stream;
		pa->contents->write_fn = write_flate;
	}
	if (pa->gstate != NULL && pa->gstate->prev == NULL) {
		HPDF_GState_Free(pg->mmgr, pa->gstate);
		pa->gstate = NULL;
	}
}

/* render_doc: everything between HPDF_NewEx and the save; raises
 * through r->c. The pages' content is made first (page_content), then
 * libharu's pages and the fonts (their objects are numbered in that
 * order), then each page's resources and links (page_objects). */
static void
render_doc(struct render *r)
{
	const struct dl_doc *doc = r->doc;
	size_t i;

	r->doing = "starting a document";
	r->pdf = need(&r->c, HPDF_NewEx(on_error, NULL, NULL, POOL_SIZE, &r->c));
	ok(&r->c, HPDF_SetCompressionMode(r->pdf, HPDF_COMP_ALL));
	set_info(r);
	r->pages = xcalloc(doc->npages + 1, sizeof(*r->pages));
	r->evfirst = xcalloc(doc->npages + 1, sizeof(*r->evfirst));
	r->zdata = xcalloc(doc->npages + 1, sizeof(*r->zdata));
	r->zlen = xcalloc(doc->npages + 1, sizeof(*r->zlen));
	r->images = xcalloc(doc->nimages + 1, sizeof(*r->images));
	r->iinst = xcalloc(doc->nimages + 1, sizeof(*r->iinst));
	if (devfonts_begin(r->dev->fonts, r->doc, r->d) != 0)
		fail_reported(&r->c);
	r->doing = "writing a page";
	for (i = 0; i < doc->npages; i++)
		page_content(r, i);
	r->doing = "adding a page";
	/* One Pages node holds at most PAGES_FLAT kids (libharu stops at
	 * 32,767; old readers at 8,191): a longer document (a packet of a
	 * manager with thousands of reports) gets a two-level page tree.
	 * Shorter ones keep the flat tree and their bytes. */
	if (doc->npages > PAGES_FLAT)
		ok(&r->c, HPDF_SetPagesConfiguration(r->pdf, PAGES_PER_NODE));
	for (i = 0; i < doc->npages; i++)
		new_page(r, i);
	embed_fonts(r);
	r->doing = "writing a page";
	for (i = 0; i < doc->npages; i++)
		page_objects(r, i);
	r->doing = "adding bookmarks and page labels";
	outlines(r);
	labels(r);
	if (r->done != NULL)
		r->done(r->done_arg, doc->npages);
	r->doing = "saving the document";
	r->pdf->stream = need(&r->c, HPDF_CallbackWriter_New(r->pdf->mmgr,
	    write_out, r->out));
	ok(&r->c, HPDF_SaveToStream(r->pdf));
}

/* render_free: what a render allocated outside libharu; leaves the
 * device's fonts ready for the next document, whatever happened to this
 * one. */
static void
render_free(struct render *r)
{
	size_t i;

	devfonts_end(r->dev->fonts);
	for (i = 0; r->iinst != NULL && i < r->doc->nimages; i++)
		free(r->iinst[i]);
	for (i = 0; r->zdata != NULL && i < r->doc->npages; i++)
		free(r->zdata[i]);
	free(r->fonts);
	free(r->fname);
	free(r->fnames);
	free(r->pimg);
	free(r->pgs);
	free(r->ev);
	free(r->evfirst);
	free(r->zdata);
	free(r->zlen);
	free(r->pages);
	free(r->images);
	free(r->iinst);
	free(r->lfirst);
	free(r->lpages);
	free(r->ldicts);
	free(r->ols);
	free(r->lvs);
	for (i = 0; i < r->nfrozen; i++)
		free(r->frozen[i]);
	free(r->frozen);
	free(r);
}

int
pdfdev_render_cb(struct pdfdev *dev, const struct dl_doc *doc,
    struct buf *out, struct diag *d, void (*done)(void *arg, size_t page),
    void *arg)
{
	struct render *r;
	size_t len0 = out->len, nf;
	int volatile rc = 0;

	if (doc->npages == 0) {
		diag_error(d, NULL, "a document without pages (a revpack bug)");
		return -1;
	}
	r = xcalloc(1, sizeof(*r));
	nf = fontset_nfaces(dev->fs);
	r->fonts = xcalloc(nf, sizeof(*r->fonts));
	r->fname = xcalloc(nf, sizeof(*r->fname));
	r->fnames = xcalloc(nf, EV_NAME);
	r->dev = dev;
	r->doc = doc;
	r->d = d;
	r->out = out;
	r->done = done;
	r->done_arg = arg;
	if (setjmp(r->c.jmp) != 0) {
		if (!r->c.reported)
			report_lib(d, NULL, r->doing, &r->c);
		out->len = len0;
		if (out->p != NULL)
			out->p[len0] = '\0';
		rc = -1;
	} else {
		render_doc(r);
	}
	if (r->fstream != NULL)
		HPDF_Stream_Free(r->fstream);
	HPDF_Free(r->pdf);
	shared_free_all(r);
	render_free(r);
	return rc;
}

int
pdfdev_render(struct pdfdev *dev, const struct dl_doc *doc, struct buf *out,
    struct diag *d)
{
	return pdfdev_render_cb(dev, doc, out, d, NULL, NULL);
}
