/* Loading a library on first use (see dynlib.h, doc/design.md §12.4). */
#include "config.h"

#include <dlfcn.h>
#include <stdio.h>

#include "input/dynlib.h"

bool dynlib_load(struct dynlib *lib)
{
	/* RTLD_NOW: a library that cannot resolve its own symbols fails
	 * here, in one line, not in the middle of a transfer; RTLD_LOCAL:
	 * its symbols serve only the lookups below */
	void *handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	const char *why;

	if (!handle) {
		why = dlerror();
		snprintf(lib->why, sizeof(lib->why), "%s", why ? why : lib->soname);
		return false;
	}
	for (size_t i = 0; i < lib->n; i++) {
		/* dlsym on the handle searches the library and what it
		 * needs (GMime's g_object_unref is glib's) */
		lib->addresses[i] = dlsym(handle, lib->names[i]);
		if (!lib->addresses[i]) {
			why = dlerror();
			snprintf(lib->why, sizeof(lib->why), "%s", why ? why : lib->names[i]);
			dlclose(handle);
			return false;
		}
	}
	return true;
}
