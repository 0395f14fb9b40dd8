#include "sources/s3/byte_range.hpp"

#include <optional>

#include "emulator/core/text.hpp"

namespace lemu::sources::s3 {
namespace {

std::optional<std::uint64_t> number(std::string_view text) { return parse_number<std::uint64_t>(text); }

}  // namespace

ByteRange parse_byte_range(std::string_view header, std::uint64_t size) {
    ByteRange whole;
    header = trim(header);
    constexpr std::string_view kUnit = "bytes=";
    if (!header.starts_with(kUnit)) {
        return whole;
    }
    std::string_view spec = trim(header.substr(kUnit.size()));
    std::size_t dash = spec.find('-');
    if (dash == std::string_view::npos || spec.find(',') != std::string_view::npos) {
        return whole;
    }
    std::string_view from = trim(spec.substr(0, dash));
    std::string_view to = trim(spec.substr(dash + 1));
    ByteRange r;
    r.kind = ByteRange::Kind::Partial;
    if (from.empty()) {  // suffix range: the last N bytes
        auto n = number(to);
        if (!n) {
            return whole;
        }
        if (*n == 0 || size == 0) {
            r.kind = ByteRange::Kind::Unsatisfiable;
            return r;
        }
        r.first = size - std::min(*n, size);
        r.last = size - 1;
        return r;
    }
    auto first = number(from);
    std::optional<std::uint64_t> last = to.empty() ? std::optional<std::uint64_t>{} : number(to);
    if (!first || (!to.empty() && !last) || (last && *last < *first)) {
        return whole;
    }
    if (*first >= size) {
        r.kind = ByteRange::Kind::Unsatisfiable;
        return r;
    }
    r.first = *first;
    r.last = last ? std::min(*last, size - 1) : size - 1;
    return r;
}

}  // namespace lemu::sources::s3
