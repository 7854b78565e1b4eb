/* Reading git's commit-graph file ourselves (read-only, mmap).
 *
 * libgit2 1.5.1 rejects the file git >= 2.36 writes by default (its GDA2
 * chunk, doc/libraries.md §1.1) and then inflates every commit of a walk from
 * the packs: on a kernel-scale range that is most of bisview's time, while
 * git answers from the graph. The parts we need - ids, parents, commit
 * times, topological levels - sit in chunks every version of the format
 * has (OIDF, OIDL, CDAT, EDGE), so we read those and ignore the rest.
 * Every offset is bounds-checked: the file is data, not trusted. */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "tree/cgraph.h"

#define CHUNK_OIDF 0x4f494446u
#define CHUNK_OIDL 0x4f49444cu
#define CHUNK_CDAT 0x43444154u
#define CHUNK_EDGE 0x45444745u
#define PARENT_NONE 0x70000000u
#define EXTRA_EDGES 0x80000000u
#define CDAT_WIDTH (CGRAPH_OID_LEN + 16)

struct cgraph {
	const uint8_t *map;
	size_t size;
	uint32_t n;
	const uint8_t *fanout, *oids, *cdat, *edges;
	size_t n_edges;
};

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const uint8_t *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

static int cgraph_destroy(struct cgraph *g)
{
	munmap((void *)(uintptr_t)g->map, g->size);
	return 0;
}

/* Point g's chunk pointers into the map; false when the file is not a
 * single-file SHA-1 commit-graph we can read safely. */
static bool parse_chunks(struct cgraph *g)
{
	const uint8_t *m = g->map;
	uint8_t n_chunks;
	uint64_t oidf = 0, oidl = 0, cdat = 0, edge = 0, edge_end = 0;

	if (g->size < 8 + 12 || memcmp(m, "CGPH", 4) != 0 || m[4] != 1 || m[5] != 1 || m[7] != 0)
		return false;  /* other version, hash or a split chain's base */
	n_chunks = m[6];
	if (g->size < 8 + (size_t)(n_chunks + 1) * 12)
		return false;
	for (unsigned i = 0; i < n_chunks; i++) {
		const uint8_t *e = m + 8 + i * 12;
		uint32_t id = be32(e);
		uint64_t off = be64(e + 4), next = be64(e + 16);

		if (off > g->size || next > g->size || next < off)
			return false;
		if (id == CHUNK_OIDF && next - off == 256 * 4)
			oidf = off;
		else if (id == CHUNK_OIDL)
			oidl = off;
		else if (id == CHUNK_CDAT)
			cdat = off;
		else if (id == CHUNK_EDGE) {
			edge = off;
			edge_end = next;
		}
	}
	if (!oidf || !oidl || !cdat)
		return false;
	g->fanout = m + oidf;
	g->n = be32(g->fanout + 255 * 4);
	if (oidl + (uint64_t)g->n * CGRAPH_OID_LEN > g->size ||
	    cdat + (uint64_t)g->n * CDAT_WIDTH > g->size)
		return false;
	g->oids = m + oidl;
	g->cdat = m + cdat;
	g->edges = edge ? m + edge : NULL;
	g->n_edges = edge ? (size_t)(edge_end - edge) / 4 : 0;
	return true;
}

struct cgraph *cgraph_open(const void *ctx, const char *objects_dir)
{
	char *path = talloc_asprintf(NULL, "%s/info/commit-graph", objects_dir);
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	struct stat st;
	struct cgraph *g = NULL;
	void *map;

	talloc_free(path);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map != MAP_FAILED) {
			g = talloc_zero(ctx, struct cgraph);
			g->map = map;
			g->size = (size_t)st.st_size;
			talloc_set_destructor(g, cgraph_destroy);
			if (!parse_chunks(g)) {
				talloc_free(g);
				g = NULL;
			}
		}
	}
	close(fd);
	return g;
}

bool cgraph_lookup(const struct cgraph *g, const uint8_t oid[CGRAPH_OID_LEN], uint32_t *pos)
{
	uint32_t lo = oid[0] ? be32(g->fanout + (oid[0] - 1) * 4) : 0;
	uint32_t hi = be32(g->fanout + oid[0] * 4);

	if (hi > g->n || lo > hi)
		return false;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = memcmp(g->oids + (size_t)mid * CGRAPH_OID_LEN, oid, CGRAPH_OID_LEN);

		if (c == 0) {
			*pos = mid;
			return true;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

const uint8_t *cgraph_oid(const struct cgraph *g, uint32_t pos)
{
	return g->oids + (size_t)pos * CGRAPH_OID_LEN;
}

int cgraph_commit(const struct cgraph *g, uint32_t pos, struct cgraph_commit *out)
{
	const uint8_t *c = g->cdat + (size_t)pos * CDAT_WIDTH;
	uint32_t p1 = be32(c + 20), p2 = be32(c + 24);
	uint32_t hi = be32(c + 28), lo = be32(c + 32);

	out->n_parents = 0;
	out->time = (int64_t)(((uint64_t)(hi & 3) << 32) | lo);
	out->level = hi >> 2;
	if (p1 == PARENT_NONE)
		return 0;
	if (p1 >= g->n)
		return -1;
	out->parents[out->n_parents++] = p1;
	if (p2 == PARENT_NONE)
		return 0;
	if (!(p2 & EXTRA_EDGES)) {
		if (p2 >= g->n)
			return -1;
		out->parents[out->n_parents++] = p2;
		return 0;
	}
	/* an octopus: the rest of the parents are in EDGE, last one flagged */
	for (size_t k = p2 & ~EXTRA_EDGES; g->edges && k < g->n_edges; k++) {
		uint32_t e = be32(g->edges + k * 4);

		if ((e & ~EXTRA_EDGES) >= g->n || out->n_parents == CGRAPH_MAX_PARENTS)
			return -1;
		out->parents[out->n_parents++] = e & ~EXTRA_EDGES;
		if (e & EXTRA_EDGES)
			return 0;
	}
	return -1;
}

uint32_t cgraph_size(const struct cgraph *g)
{
	return g->n;
}

/* Is `to` reachable from `from`? A depth-first search that never enters
 * a commit whose topological level is not above `to`'s: a commit can only
 * reach commits of a lower level (git's generation cut-off). */
int cgraph_reaches(const void *ctx, const struct cgraph *g, uint32_t from, uint32_t to)
{
	struct cgraph_commit c;
	uint32_t to_level, *stack, top = 0, cap = 1024;
	uint8_t *seen;
	int found = 0;

	if (from == to)
		return 1;
	if (cgraph_commit(g, to, &c) < 0)
		return -1;
	to_level = c.level;
	seen = talloc_zero_array(ctx, uint8_t, (g->n + 7) / 8);
	stack = talloc_array(ctx, uint32_t, cap);
	if (!seen || !stack) {
		talloc_free(seen);
		talloc_free(stack);
		return -1;
	}
	stack[top++] = from;
	while (top && !found) {
		uint32_t x = stack[--top];

		if (cgraph_commit(g, x, &c) < 0) {
			found = -1;
			break;
		}
		for (unsigned k = 0; k < c.n_parents; k++) {
			uint32_t p = c.parents[k];
			struct cgraph_commit pc;

			if (p == to) {
				found = 1;
				break;
			}
			if (seen[p / 8] & (1u << (p % 8)))
				continue;
			seen[p / 8] |= (uint8_t)(1u << (p % 8));
			if (cgraph_commit(g, p, &pc) < 0 || pc.level <= to_level)
				continue;
			if (top == cap) {
				cap *= 2;
				stack = talloc_realloc(ctx, stack, uint32_t, cap);
				if (!stack) {
					found = -1;
					break;
				}
			}
			stack[top++] = p;
		}
	}
	talloc_free(seen);
	talloc_free(stack);
	return found;
}
