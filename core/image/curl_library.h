#pragma once
// libcurl, loaded on first use. Linking it made every start of berth and berth-desktop load it
// and about thirty libraries behind it (GnuTLS, Kerberos, LDAP, …): some 3 ms before main(),
// paid by `run`, `ps` and every other verb, when only the registry client needs it.
#include "support/error.h"

#include <curl/curl.h>

namespace berth::image {

// The entry points the registry client uses, resolved from libcurl.so.4 (the Debian package
// libcurl4, which the -dev package's headers belong to).
struct CurlLibrary {
    CURLcode (*globalInit)(long flags);
    CURL* (*easyInit)();
    CURLcode (*easySetopt)(CURL* handle, CURLoption option, ...);
    CURLcode (*easyPerform)(CURL* handle);
    CURLcode (*easyGetinfo)(CURL* handle, CURLINFO info, ...);
    void (*easyCleanup)(CURL* handle);
    const char* (*easyStrerror)(CURLcode code);
    curl_slist* (*slistAppend)(curl_slist* list, const char* text);
    void (*slistFreeAll)(curl_slist* list);
};

// Loads libcurl and runs curl_global_init once per process (thread-safe); the same table after.
// Unsupported, naming the library and the loader's reason, when it cannot be loaded.
Result<const CurlLibrary*> curlLibrary();

} // namespace berth::image
