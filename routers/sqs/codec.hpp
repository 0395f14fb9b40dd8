#pragma once
// SQS wire shapes (JSON 1.0 member names) to and from the QueueStore's vocabulary. The query protocol is
// first translated to the same JSON input (query_protocol.hpp), so this is the only codec.

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/sqs/message.hpp"

namespace lemu::routers::sqs {

using nlohmann::json;

// http://HOST/ACCOUNT/NAME, with the host the request came to.
std::string queue_url(std::string_view base, std::string_view account, std::string_view name);
// The queue a QueueUrl names: its last two path segments (account, name); a bare name is accepted too.
// A URL of another account names no queue here (QueueDoesNotExist).
std::string queue_name_from_url(std::string_view url, std::string_view account);

std::string required_string(const json& in, std::string_view key);
std::optional<std::string> optional_string(const json& in, std::string_view key);
std::optional<int> optional_int(const json& in, std::string_view key);
std::vector<std::string> string_list(const json& in, std::string_view key);
std::map<std::string, std::string> string_map(const json& in, std::string_view key);

sources::sqs::SendRequest decode_send(const json& in);
sources::sqs::ReceiveRequest decode_receive(const json& in);
std::vector<sources::sqs::SendBatchEntry> decode_send_entries(const json& in);
std::vector<sources::sqs::HandleBatchEntry> decode_handle_entries(const json& in);

json encode(const sources::sqs::SendResult& result);
json encode(const sources::sqs::ReceivedMessage& message);
json encode_batch(const sources::sqs::BatchResult<sources::sqs::SendResult>& result);
json encode_batch(const sources::sqs::BatchResult<sources::sqs::Nothing>& result);

}  // namespace lemu::routers::sqs
