#include "routers/s3/aws_chunked.hpp"

#include <charconv>

#include "emulator/core/text.hpp"

namespace lemu::routers::s3 {

std::optional<ChunkedPayload> decode_aws_chunked(std::string_view body) {
    ChunkedPayload out;
    std::size_t pos = 0;
    while (true) {
        std::size_t eol = body.find("\r\n", pos);
        if (eol == std::string_view::npos) {
            return std::nullopt;
        }
        std::string_view header = body.substr(pos, eol - pos);
        std::string_view hex = header.substr(0, header.find(';'));
        std::size_t size = 0;
        auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), size, 16);
        if (hex.empty() || ec != std::errc{} || end != hex.data() + hex.size()) {
            return std::nullopt;
        }
        pos = eol + 2;
        if (size == 0) {
            break;
        }
        if (body.size() - pos < size + 2 || body.substr(pos + size, 2) != "\r\n") {
            return std::nullopt;
        }
        out.data.append(body.substr(pos, size));
        pos += size + 2;
    }
    // Trailing headers until an empty line (some clients end without it).
    while (pos < body.size()) {
        std::size_t eol = body.find("\r\n", pos);
        std::string_view line = body.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
        pos = eol == std::string_view::npos ? body.size() : eol + 2;
        if (line.empty()) {
            break;
        }
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            return std::nullopt;
        }
        out.trailers.emplace_back(to_lower(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
    }
    return out;
}

}  // namespace lemu::routers::s3
