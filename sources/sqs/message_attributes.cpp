#include "sources/sqs/message_attributes.hpp"

#include <fmt/format.h>

#include <cstdint>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/digest.hpp"
#include "emulator/core/encoding.hpp"
#include "emulator/core/text.hpp"

namespace lemu::sources::sqs {
namespace {

constexpr std::size_t kMaxNameBytes = 256;

void append_len32(std::string& out, std::string_view bytes) {
    auto n = static_cast<std::uint32_t>(bytes.size());
    out += static_cast<char>((n >> 24) & 0xff);
    out += static_cast<char>((n >> 16) & 0xff);
    out += static_cast<char>((n >> 8) & 0xff);
    out += static_cast<char>(n & 0xff);
    out += bytes;
}

bool is_binary_type(std::string_view type) { return type.starts_with("Binary"); }

[[noreturn]] void invalid(std::string message) {
    throw AwsError(ErrorCode::SqsInvalidParameterValue, std::move(message));
}

bool has_known_prefix(std::string_view type) {
    for (std::string_view prefix : {"String", "Number", "Binary"}) {
        if (type.starts_with(prefix) && (type.size() == prefix.size() || type[prefix.size()] == '.')) {
            return true;
        }
    }
    return false;
}

bool is_number(std::string_view text) {
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
        ++i;
    }
    bool digits = false;
    bool dot = false;
    for (; i < text.size(); ++i) {
        if (is_digit(text[i])) {
            digits = true;
        } else if (text[i] == '.' && !dot) {
            dot = true;
        } else if ((text[i] == 'e' || text[i] == 'E') && digits) {
            return is_number(text.substr(i + 1)) && text.substr(i + 1).find('.') == std::string_view::npos;
        } else {
            return false;
        }
    }
    return digits;
}

void validate_name(const std::string& name) {
    if (name.empty()) {
        invalid("The request must contain non-empty message (user) attribute names.");
    }
    if (name.size() >= kMaxNameBytes) {
        invalid("Message (user) attribute name must be shorter than 256 bytes.");
    }
    std::string lower = to_lower(name);
    if (lower.starts_with("aws.") || lower.starts_with("amazon.")) {
        invalid("You can't use message attribute names beginning with 'AWS.' or 'Amazon'. "
                "These strings are reserved for internal use.");
    }
    bool chars_ok = name.front() != '.' && name.back() != '.' && name.find("..") == std::string::npos;
    for (char c : name) {
        chars_ok = chars_ok && (is_alnum(c) || c == '_' || c == '-' || c == '.');
    }
    if (!chars_ok) {
        invalid("Message (user) attributes name can only contain upper and lower score characters, digits, "
                "periods, hyphens and underscores. ");
    }
}

void validate_value(const std::string& name, const MessageAttributeValue& value) {
    if (!value.string_list_values.empty() || !value.binary_list_values.empty()) {
        invalid("Message attribute list values in SendMessage operation are not supported.");
    }
    if (value.data_type.empty()) {
        invalid(fmt::format("The message (user) attribute '{}' must contain a non-empty message attribute type.",
                            name));
    }
    if (value.data_type.size() >= kMaxNameBytes) {
        invalid("Message (user) attribute type must be shorter than 256 bytes.");
    }
    if (!has_known_prefix(value.data_type)) {
        invalid(fmt::format("The type of message (user) attribute '{}' is invalid. You must use only the following "
                            "supported type prefixes: Binary, Number, String.",
                            name));
    }
    if (!value.string_value && !value.binary_value) {
        invalid(fmt::format("The message (user) attribute '{}' must contain a non-empty message attribute value.",
                            name));
    }
    if (is_binary_type(value.data_type)) {
        if (!value.binary_value || value.binary_value->empty()) {
            invalid(fmt::format("Message (user) attribute '{}' must contain a non-empty value of type 'Binary'.",
                                name));
        }
        return;
    }
    const std::string_view kind = value.data_type.starts_with("Number") ? "Number" : "String";
    if (!value.string_value || value.string_value->empty()) {
        invalid(fmt::format("Message (user) attribute '{}' must contain a non-empty value of type '{}'.", name, kind));
    }
    if (!is_valid_message_text(*value.string_value)) {
        invalid("Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | "
                "#xE000 to #xFFFD | #x10000 to #x10FFFF");
    }
    if (kind == "Number" && !is_number(*value.string_value)) {
        invalid(fmt::format("Can't cast the value of message (user) attribute '{}' to a number.", name));
    }
}

// Decodes one UTF-8 code point at `i`; nullopt on malformed input.
std::optional<std::uint32_t> next_code_point(std::string_view s, std::size_t& i) {
    auto byte = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[k])); };
    std::uint32_t c = byte(i);
    std::size_t extra = 0;
    if (c < 0x80) {
        ++i;
        return c;
    }
    if ((c & 0xe0) == 0xc0) {
        extra = 1;
        c &= 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
        extra = 2;
        c &= 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
        extra = 3;
        c &= 0x07;
    } else {
        return std::nullopt;
    }
    if (i + extra >= s.size()) {
        return std::nullopt;
    }
    for (std::size_t k = 1; k <= extra; ++k) {
        if ((byte(i + k) & 0xc0) != 0x80) {
            return std::nullopt;
        }
        c = (c << 6) | (byte(i + k) & 0x3f);
    }
    i += extra + 1;
    return c;
}

}  // namespace

std::optional<std::string> md5_of_attributes(const MessageAttributes& attributes) {
    if (attributes.empty()) {
        return std::nullopt;
    }
    std::string encoded;
    for (const auto& [name, value] : attributes) {
        append_len32(encoded, name);
        append_len32(encoded, value.data_type);
        if (is_binary_type(value.data_type)) {
            encoded += '\x02';
            append_len32(encoded, value.binary_value.value_or(""));
        } else {
            encoded += '\x01';
            append_len32(encoded, value.string_value.value_or(""));
        }
    }
    return hex_encode(md5(encoded));
}

std::size_t attributes_size(const MessageAttributes& attributes) {
    std::size_t total = 0;
    for (const auto& [name, value] : attributes) {
        total += name.size() + value.data_type.size();
        total += value.string_value ? value.string_value->size() : 0;
        total += value.binary_value ? value.binary_value->size() : 0;
    }
    return total;
}

void validate_user_attributes(const MessageAttributes& attributes) {
    if (attributes.size() > kMaxMessageAttributes) {
        invalid(fmt::format("Number of message attributes [{}] exceeds the allowed maximum [{}].", attributes.size(),
                            kMaxMessageAttributes));
    }
    for (const auto& [name, value] : attributes) {
        validate_name(name);
        validate_value(name, value);
    }
}

void validate_system_attributes(const MessageAttributes& attributes) {
    for (const auto& [name, value] : attributes) {
        if (name != "AWSTraceHeader") {
            invalid(fmt::format("Message system attribute name '{}' is invalid.", name));
        }
        if (value.data_type != "String" || !value.string_value || value.string_value->empty()) {
            invalid(fmt::format("Message system attribute '{}' must contain a non-empty value of type 'String'.",
                                name));
        }
    }
}

bool is_valid_message_text(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        auto c = next_code_point(text, i);
        if (!c) {
            return false;
        }
        bool ok = *c == 0x9 || *c == 0xA || *c == 0xD || (*c >= 0x20 && *c <= 0xD7FF) ||
                  (*c >= 0xE000 && *c <= 0xFFFD) || (*c >= 0x10000 && *c <= 0x10FFFF);
        if (!ok) {
            return false;
        }
    }
    return true;
}

MessageAttributes filter_attributes(const MessageAttributes& attributes, const std::vector<std::string>& names) {
    MessageAttributes out;
    for (const auto& [name, value] : attributes) {
        for (const std::string& wanted : names) {
            bool match = wanted == "All" || wanted == ".*" || wanted == name ||
                         (wanted.size() > 2 && wanted.ends_with(".*") &&
                          name.starts_with(std::string_view(wanted).substr(0, wanted.size() - 2)));
            if (match) {
                out.emplace(name, value);
                break;
            }
        }
    }
    return out;
}

}  // namespace lemu::sources::sqs
