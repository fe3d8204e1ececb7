// Image references come from users and from archives: parsing must never crash, and whatever
// parses must print back to something that parses to the same value.
#include "image/reference.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    auto r = berth::image::Reference::parse(text);
    if (!r) return 0;
    auto again = berth::image::Reference::parse(r->str());
    if (!again || again->str() != r->str()) std::abort();
    return 0;
}
