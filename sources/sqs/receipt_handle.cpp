#include "sources/sqs/receipt_handle.hpp"

#include <fmt/format.h>

#include <charconv>

#include "emulator/core/encoding.hpp"
#include "emulator/core/text.hpp"

namespace lemu::sources::sqs {
namespace {
constexpr std::string_view kMagic = "lemu1";
}

std::string encode_receipt_handle(const ReceiptHandle& h) {
    return base64_encode(fmt::format("{} {} {} {} {}", kMagic, h.queue_arn, h.message_id, h.nonce, h.receive));
}

std::optional<ReceiptHandle> decode_receipt_handle(std::string_view text) {
    auto raw = base64_decode(text);
    if (!raw) {
        return std::nullopt;
    }
    auto parts = split(*raw, ' ');
    if (parts.size() != 5 || parts[0] != kMagic || parts[1].empty() || parts[2].empty() || parts[3].empty()) {
        return std::nullopt;
    }
    ReceiptHandle h{std::string(parts[1]), std::string(parts[2]), std::string(parts[3]), 0};
    auto [ptr, ec] = std::from_chars(parts[4].data(), parts[4].data() + parts[4].size(), h.receive);
    if (ec != std::errc{} || ptr != parts[4].data() + parts[4].size() || h.receive < 1) {
        return std::nullopt;
    }
    return h;
}

}  // namespace lemu::sources::sqs
