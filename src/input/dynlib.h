/* A shared library loaded the first time it is needed, not at every
 * start (doc/design.md §12.4): libcurl for a URL, GMime for a mail. Their
 * dependencies (TLS, LDAP, Kerberos, SSH, GIO, gpgme) cost each process
 * about 9 ms in the dynamic loader, which a plain log never uses.
 *
 * The user lists the functions it calls once, as F(prefix, name) pairs:
 *
 *	#define CURL_FUNCTIONS(F) F(curl_, easy_init) F(curl_, easy_cleanup)
 *	struct curl_api { CURL_FUNCTIONS(DYNLIB_MEMBER) };
 *	static const char *const names[] = { CURL_FUNCTIONS(DYNLIB_NAME) };
 *
 * and after dynlib_load() fills the table with DYNLIB_FILL. Each member
 * has the type of the library header's own declaration, so a call
 * through it is checked as a direct call would be; the header is still
 * included for its types, only the link is gone. */
#ifndef BISVIEW_INPUT_DYNLIB_H
#define BISVIEW_INPUT_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

/* A member of the table: a pointer to prefix##name's own type. The
 * name is not followed by "(", so a function-like macro of the header's
 * (libcurl's curl_easy_setopt type checks) is not expanded. */
#define DYNLIB_MEMBER(prefix, name) __typeof__(&prefix##name) name;
/* The symbol's name, for the list dynlib_load() looks up. */
#define DYNLIB_NAME(prefix, name) #prefix #name,
/* Copies the looked-up addresses (void *const FNS[], in the list's
 * order) into the table *API of the list LIST. */
#define DYNLIB_FILL(API, FNS, LIST)                     \
	do {                                            \
		__typeof__(API) dynlib_api_ = (API);    \
		void *const *dynlib_fn_ = (FNS);        \
		LIST(DYNLIB_TAKE_)                      \
	} while (0)
#define DYNLIB_TAKE_(prefix, name) \
	dynlib_api_->name = (__typeof__(dynlib_api_->name))*dynlib_fn_++;

struct dynlib {
	const char *soname;          /* what dlopen() is given (configure found it) */
	const char *const *names;    /* the symbols looked up */
	void **addresses;            /* dlsym()'s answers, in names' order */
	size_t n;
	char why[256];               /* why it could not be loaded */
};

/* Opens lib->soname and looks up every name. Call it once per process
 * (pthread_once): the library is never closed, as a fetch or a mail may
 * come at any time until exit. false with lib->why (the loader's own
 * words: the file or the symbol missing, and why). */
bool dynlib_load(struct dynlib *lib);

#endif
