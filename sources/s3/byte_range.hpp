#pragma once
// The Range header of GetObject: one "bytes=" range, as S3 honours it.

#include <cstdint>
#include <string_view>

namespace lemu::sources::s3 {

struct ByteRange {
    enum class Kind {
        Whole,          // no header, or one S3 ignores (bad syntax, several ranges): 200 with everything
        Partial,        // 206 with bytes [first, last]
        Unsatisfiable,  // 416 InvalidRange
    };
    Kind kind = Kind::Whole;
    std::uint64_t first = 0;
    std::uint64_t last = 0;  // inclusive

    std::uint64_t length() const { return last - first + 1; }
};

ByteRange parse_byte_range(std::string_view header, std::uint64_t size);

}  // namespace lemu::sources::s3
