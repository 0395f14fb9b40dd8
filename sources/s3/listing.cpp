#include "sources/s3/listing.hpp"

#include "emulator/core/encoding.hpp"

namespace lemu::sources::s3 {
namespace {
constexpr std::string_view kTokenTag = "lemu1:";
}

ListPage list_page(const ObjectMap& objects, const ListQuery& q) {
    ListPage page;
    if (q.max_keys <= 0) {
        return page;
    }
    const std::string marker = q.continue_from.value_or(q.start_after);
    auto it = objects.lower_bound(q.prefix);
    if (!marker.empty() && marker >= q.prefix) {
        it = objects.upper_bound(marker);
    }
    const auto max = static_cast<std::size_t>(q.max_keys);
    for (; it != objects.end(); ++it) {
        const std::string& key = it->first;
        if (!key.starts_with(q.prefix)) {
            break;  // keys sharing the prefix are contiguous
        }
        std::string_view entry = key;
        bool is_prefix = false;
        if (!q.delimiter.empty()) {
            std::size_t pos = key.find(q.delimiter, q.prefix.size());
            if (pos != std::string::npos) {
                entry = std::string_view(key).substr(0, pos + q.delimiter.size());
                is_prefix = true;
                // Later keys under a prefix already returned (on this page or the last) are folded in.
                if (entry == marker || (!page.common_prefixes.empty() && entry == page.common_prefixes.back())) {
                    continue;
                }
            }
        }
        if (page.count() == max) {
            page.truncated = true;
            break;
        }
        if (is_prefix) {
            page.common_prefixes.emplace_back(entry);
        } else {
            page.contents.push_back(it->second);
        }
        page.last_returned = std::string(entry);
    }
    return page;
}

std::string encode_continuation_token(std::string_view last_returned) {
    return base64_encode(std::string(kTokenTag) + std::string(last_returned));
}

std::optional<std::string> decode_continuation_token(std::string_view token) {
    auto decoded = base64_decode(token);
    if (!decoded || !decoded->starts_with(kTokenTag)) {
        return std::nullopt;
    }
    return decoded->substr(kTokenTag.size());
}

}  // namespace lemu::sources::s3
