#pragma once
// Receipt handles: opaque to clients, but they name the queue, the message, the message's nonce (so a
// handle cannot be forged from a message id) and which receive issued them (so a FIFO queue can tell a
// stale handle from the current one).

#include <optional>
#include <string>
#include <string_view>

namespace lemu::sources::sqs {

struct ReceiptHandle {
    std::string queue_arn;
    std::string message_id;
    std::string nonce;
    int receive = 0;  // 1 for the first receive of the message, 2 for the second, ...
};

std::string encode_receipt_handle(const ReceiptHandle& handle);
// nullopt when the text is not a handle lemu issued (AWS: ReceiptHandleIsInvalid).
std::optional<ReceiptHandle> decode_receipt_handle(std::string_view text);

}  // namespace lemu::sources::sqs
