#pragma once
// SQS message attributes (user attributes and the AWSTraceHeader system attribute) and the digest AWS
// computes over them. The digest is what clients such as the AWS SDK for JavaScript v3 and Java check
// on every send and receive, so the byte encoding here must be AWS's exactly.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lemu::sources::sqs {

// One attribute value. `data_type` is "String", "Number" or "Binary", optionally followed by a custom
// suffix ("Number.int", "Binary.jpeg"). Binary values hold raw bytes (not base64).
struct MessageAttributeValue {
    std::string data_type;
    std::optional<std::string> string_value;
    std::optional<std::string> binary_value;
    std::vector<std::string> string_list_values;  // reserved by AWS; accepted in the shape, never stored
    std::vector<std::string> binary_list_values;

    bool operator==(const MessageAttributeValue&) const = default;
};

// Ordered by name: the digest encodes attributes sorted by name.
using MessageAttributes = std::map<std::string, MessageAttributeValue>;

inline constexpr std::size_t kMaxMessageAttributes = 10;

// Hex MD5 over AWS's binary encoding: for each attribute sorted by name,
//   len32(name) name len32(type) type transport len32(value) value
// with len32 a 4-byte big-endian length and transport 1 for String/Number, 2 for Binary.
// Empty attributes have no digest (nullopt).
std::optional<std::string> md5_of_attributes(const MessageAttributes& attributes);

// Size that counts against MaximumMessageSize: names, types and values of every attribute.
std::size_t attributes_size(const MessageAttributes& attributes);

// Validates user attributes as SendMessage does; throws AwsError (InvalidParameterValue) with AWS's text.
void validate_user_attributes(const MessageAttributes& attributes);

// Validates message system attributes (only AWSTraceHeader, of type String, is allowed on send).
void validate_system_attributes(const MessageAttributes& attributes);

// True when `text` holds only characters SQS accepts in a body or string value:
// #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF (decoded as UTF-8).
bool is_valid_message_text(std::string_view text);

// Selects the attributes a receiver asked for: "All", ".*", exact names and "prefix.*" patterns.
MessageAttributes filter_attributes(const MessageAttributes& attributes, const std::vector<std::string>& names);

}  // namespace lemu::sources::sqs
