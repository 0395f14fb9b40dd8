#include "routers/sqs/codec.hpp"

#include <fmt/format.h>


#include "emulator/core/aws_error.hpp"
#include "emulator/core/encoding.hpp"
#include "emulator/core/text.hpp"

namespace lemu::routers::sqs {
namespace {

using namespace lemu::sources::sqs;

[[noreturn]] void missing(std::string_view key) {
    throw AwsError(ErrorCode::SqsMissingParameter, fmt::format("The request must contain the parameter {}.", key));
}

[[noreturn]] void wrong_type(std::string_view key) {
    throw AwsError(ErrorCode::SerializationException,
                   "Start of structure or map found where not expected.");
    (void)key;
}

const json* member(const json& in, std::string_view key) {
    if (!in.is_object()) {
        return nullptr;
    }
    auto it = in.find(key);
    return it == in.end() || it->is_null() ? nullptr : &*it;
}

std::string binary(const json& value, std::string_view key) {
    if (!value.is_string()) {
        wrong_type(key);
    }
    auto decoded = base64_decode(value.get_ref<const std::string&>());
    if (!decoded) {
        throw AwsError(ErrorCode::SqsInvalidParameterValue,
                       fmt::format("Value for parameter {} is invalid. Reason: Binary value is not valid base64.", key));
    }
    return *decoded;
}

MessageAttributes message_attributes(const json& in, std::string_view key) {
    MessageAttributes out;
    const json* map = member(in, key);
    if (map == nullptr) {
        return out;
    }
    if (!map->is_object()) {
        wrong_type(key);
    }
    for (const auto& [name, v] : map->items()) {
        if (!v.is_object()) {
            wrong_type(key);
        }
        MessageAttributeValue value;
        value.data_type = optional_string(v, "DataType").value_or("");
        value.string_value = optional_string(v, "StringValue");
        if (const json* b = member(v, "BinaryValue")) {
            value.binary_value = binary(*b, "BinaryValue");
        }
        value.string_list_values = string_list(v, "StringListValues");
        if (const json* list = member(v, "BinaryListValues"); list != nullptr && list->is_array()) {
            for (const json& item : *list) {
                value.binary_list_values.push_back(binary(item, "BinaryListValues"));
            }
        }
        out.emplace(name, std::move(value));
    }
    return out;
}

json encode_attributes(const MessageAttributes& attributes) {
    json out = json::object();
    for (const auto& [name, value] : attributes) {
        json v{{"DataType", value.data_type}};
        if (value.string_value) {
            v["StringValue"] = *value.string_value;
        }
        if (value.binary_value) {
            v["BinaryValue"] = base64_encode(*value.binary_value);
        }
        out[name] = std::move(v);
    }
    return out;
}

json encode_failures(const std::vector<BatchFailure>& failed) {
    json out = json::array();
    for (const BatchFailure& f : failed) {
        out.push_back({{"Id", f.id}, {"SenderFault", f.sender_fault}, {"Code", f.code}, {"Message", f.message}});
    }
    return out;
}

}  // namespace

std::string queue_url(std::string_view base, std::string_view account, std::string_view name) {
    return fmt::format("{}/{}/{}", base, account, name);
}

std::string queue_name_from_url(std::string_view url, std::string_view account) {
    std::string_view path = url;
    if (auto scheme = url.find("://"); scheme != std::string_view::npos) {
        auto slash = url.find('/', scheme + 3);
        path = slash == std::string_view::npos ? std::string_view{} : url.substr(slash);
    }
    while (path.ends_with('/')) {
        path.remove_suffix(1);
    }
    auto parts = split(path, '/');
    if (parts.size() == 1 && url.find("://") == std::string_view::npos) {
        return std::string(parts[0]);  // a bare queue name, as some tools send
    }
    if (parts.size() < 3 || parts[parts.size() - 2] != account) {
        throw AwsError(ErrorCode::QueueDoesNotExist, "The specified queue does not exist.");
    }
    return std::string(parts.back());
}

std::string required_string(const json& in, std::string_view key) {
    const json* v = member(in, key);
    if (v == nullptr) {
        missing(key);
    }
    if (!v->is_string()) {
        wrong_type(key);
    }
    return v->get<std::string>();
}

std::optional<std::string> optional_string(const json& in, std::string_view key) {
    const json* v = member(in, key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (v->is_string()) {
        return v->get<std::string>();
    }
    if (v->is_number() || v->is_boolean()) {
        return v->dump();  // lenient, as AWS is for scalars
    }
    wrong_type(key);
}

std::optional<int> optional_int(const json& in, std::string_view key) {
    const json* v = member(in, key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (v->is_number_integer()) {
        auto n = v->get<long long>();
        if (n < INT32_MIN || n > INT32_MAX) {
            throw AwsError(ErrorCode::SqsInvalidParameterValue,
                           fmt::format("Value {} for parameter {} is invalid. Reason: Not a valid integer.", n, key));
        }
        return static_cast<int>(n);
    }
    if (v->is_string()) {  // the query protocol sends every scalar as text
        const std::string& s = v->get_ref<const std::string&>();
        std::optional<int> n = parse_number<int>(s);
        if (!n) {
            throw AwsError(ErrorCode::SqsInvalidParameterValue,
                           fmt::format("Value {} for parameter {} is invalid. Reason: Not a valid integer.", s, key));
        }
        return *n;
    }
    wrong_type(key);
}

std::vector<std::string> string_list(const json& in, std::string_view key) {
    std::vector<std::string> out;
    const json* v = member(in, key);
    if (v == nullptr) {
        return out;
    }
    if (!v->is_array()) {
        wrong_type(key);
    }
    for (const json& item : *v) {
        if (!item.is_string()) {
            wrong_type(key);
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

std::map<std::string, std::string> string_map(const json& in, std::string_view key) {
    std::map<std::string, std::string> out;
    const json* v = member(in, key);
    if (v == nullptr) {
        return out;
    }
    if (!v->is_object()) {
        wrong_type(key);
    }
    for (const auto& [k, value] : v->items()) {
        if (value.is_string()) {
            out.emplace(k, value.get<std::string>());
        } else if (value.is_number() || value.is_boolean()) {
            out.emplace(k, value.dump());
        } else {
            wrong_type(key);
        }
    }
    return out;
}

SendRequest decode_send(const json& in) {
    SendRequest r;
    r.body = optional_string(in, "MessageBody").value_or("");
    r.delay_seconds = optional_int(in, "DelaySeconds");
    r.attributes = message_attributes(in, "MessageAttributes");
    r.system_attributes = message_attributes(in, "MessageSystemAttributes");
    r.deduplication_id = optional_string(in, "MessageDeduplicationId");
    r.group_id = optional_string(in, "MessageGroupId");
    return r;
}

ReceiveRequest decode_receive(const json& in) {
    ReceiveRequest r;
    r.max_messages = optional_int(in, "MaxNumberOfMessages");
    r.visibility_timeout = optional_int(in, "VisibilityTimeout");
    r.wait_seconds = optional_int(in, "WaitTimeSeconds");
    r.system_attribute_names = string_list(in, "MessageSystemAttributeNames");
    for (std::string& legacy : string_list(in, "AttributeNames")) {
        r.system_attribute_names.push_back(std::move(legacy));
    }
    r.attribute_names = string_list(in, "MessageAttributeNames");
    return r;
}

std::vector<SendBatchEntry> decode_send_entries(const json& in) {
    const json* entries = member(in, "Entries");
    if (entries == nullptr) {
        missing("Entries");
    }
    if (!entries->is_array()) {
        wrong_type("Entries");
    }
    std::vector<SendBatchEntry> out;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const json& e = (*entries)[i];
        if (member(e, "Id") == nullptr) {
            missing(fmt::format("SendMessageBatchRequestEntry.{}.Id", i + 1));
        }
        out.push_back({required_string(e, "Id"), decode_send(e)});
    }
    return out;
}

std::vector<HandleBatchEntry> decode_handle_entries(const json& in) {
    const json* entries = member(in, "Entries");
    if (entries == nullptr) {
        missing("Entries");
    }
    if (!entries->is_array()) {
        wrong_type("Entries");
    }
    std::vector<HandleBatchEntry> out;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const json& e = (*entries)[i];
        if (member(e, "Id") == nullptr) {
            missing(fmt::format("BatchRequestEntry.{}.Id", i + 1));
        }
        out.push_back({required_string(e, "Id"), optional_string(e, "ReceiptHandle").value_or(""),
                       optional_int(e, "VisibilityTimeout")});
    }
    return out;
}

json encode(const SendResult& r) {
    json out{{"MessageId", r.message_id}, {"MD5OfMessageBody", r.md5_of_body}};
    if (r.md5_of_attributes) {
        out["MD5OfMessageAttributes"] = *r.md5_of_attributes;
    }
    if (r.md5_of_system_attributes) {
        out["MD5OfMessageSystemAttributes"] = *r.md5_of_system_attributes;
    }
    if (r.sequence_number) {
        out["SequenceNumber"] = *r.sequence_number;
    }
    return out;
}

json encode(const ReceivedMessage& m) {
    json out{{"MessageId", m.message_id}, {"ReceiptHandle", m.receipt_handle}, {"MD5OfBody", m.md5_of_body},
             {"Body", m.body}};
    if (!m.system_attributes.empty()) {
        out["Attributes"] = m.system_attributes;
    }
    if (m.md5_of_attributes) {
        out["MD5OfMessageAttributes"] = *m.md5_of_attributes;
        out["MessageAttributes"] = encode_attributes(m.attributes);
    }
    return out;
}

json encode_batch(const BatchResult<SendResult>& result) {
    json out = json::object();
    if (!result.successful.empty()) {
        json ok = json::array();
        for (const auto& [id, sent] : result.successful) {
            json entry = encode(sent);
            entry["Id"] = id;
            ok.push_back(std::move(entry));
        }
        out["Successful"] = std::move(ok);
    }
    if (!result.failed.empty()) {
        out["Failed"] = encode_failures(result.failed);
    }
    return out;
}

json encode_batch(const BatchResult<Nothing>& result) {
    json out = json::object();
    if (!result.successful.empty()) {
        json ok = json::array();
        for (const auto& entry : result.successful) {
            ok.push_back({{"Id", entry.first}});
        }
        out["Successful"] = std::move(ok);
    }
    if (!result.failed.empty()) {
        out["Failed"] = encode_failures(result.failed);
    }
    return out;
}

}  // namespace lemu::routers::sqs
