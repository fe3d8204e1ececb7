#include "image/curl_library.h"

#include <dlfcn.h>
#include <mutex>

namespace berth::image {

namespace {

template <typename Fn>
bool resolve(void* lib, const char* name, Fn& out) {
    out = reinterpret_cast<Fn>(::dlsym(lib, name));
    return out != nullptr;
}

Result<CurlLibrary> load() {
    constexpr const char* soname = "libcurl.so.4";
    void* lib = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char* why = ::dlerror();
        return fail(ErrorCode::Unsupported, std::string("cannot load ") + soname + " (install libcurl4): " + (why ? why : "unknown"));
    }
    CurlLibrary c{};
    bool ok = resolve(lib, "curl_global_init", c.globalInit) && resolve(lib, "curl_easy_init", c.easyInit) &&
              resolve(lib, "curl_easy_setopt", c.easySetopt) && resolve(lib, "curl_easy_perform", c.easyPerform) &&
              resolve(lib, "curl_easy_getinfo", c.easyGetinfo) && resolve(lib, "curl_easy_cleanup", c.easyCleanup) &&
              resolve(lib, "curl_easy_strerror", c.easyStrerror) && resolve(lib, "curl_slist_append", c.slistAppend) &&
              resolve(lib, "curl_slist_free_all", c.slistFreeAll);
    if (!ok) return fail(ErrorCode::Unsupported, std::string(soname) + " lacks an entry point Berth needs: " + ::dlerror());
    // Stays loaded for the process's life: handles and callbacks may outlive any one caller.
    c.globalInit(CURL_GLOBAL_DEFAULT);
    return c;
}

} // namespace

Result<const CurlLibrary*> curlLibrary() {
    static std::once_flag once;
    static Result<CurlLibrary> loaded = std::unexpected(Error{});
    std::call_once(once, [] { loaded = load(); });
    if (!loaded) return std::unexpected(loaded.error());
    return &*loaded;
}

} // namespace berth::image
