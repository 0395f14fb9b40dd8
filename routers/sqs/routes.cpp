// Every SQS operation on one screen: the X-Amz-Target suffix (JSON 1.0) or Action (query) it answers to.
#include <array>

#include "routers/sqs/operations.hpp"

namespace lemu::routers::sqs {
namespace {

constexpr std::array kOperations{
    Operation{"CreateQueue", create_queue, true},
    Operation{"GetQueueUrl", get_queue_url, true},
    Operation{"ListQueues", list_queues, true},
    Operation{"DeleteQueue", delete_queue, false},
    Operation{"GetQueueAttributes", get_queue_attributes, true},
    Operation{"SetQueueAttributes", set_queue_attributes, false},
    Operation{"PurgeQueue", purge_queue, false},
    Operation{"ListDeadLetterSourceQueues", list_dead_letter_source_queues, true},
    Operation{"TagQueue", tag_queue, false},
    Operation{"UntagQueue", untag_queue, false},
    Operation{"ListQueueTags", list_queue_tags, true},
    Operation{"SendMessage", send_message, true},
    Operation{"SendMessageBatch", send_message_batch, true},
    Operation{"ReceiveMessage", nullptr, true},
    Operation{"DeleteMessage", delete_message, false},
    Operation{"DeleteMessageBatch", delete_message_batch, true},
    Operation{"ChangeMessageVisibility", change_message_visibility, false},
    Operation{"ChangeMessageVisibilityBatch", change_message_visibility_batch, true},
    Operation{"AddPermission", add_permission, false},
    Operation{"RemovePermission", remove_permission, false},
    Operation{"StartMessageMoveTask", start_message_move_task, true},
    Operation{"CancelMessageMoveTask", cancel_message_move_task, true},
    Operation{"ListMessageMoveTasks", list_message_move_tasks, true},
};

}  // namespace

const Operation* find_operation(std::string_view name) {
    for (const Operation& op : kOperations) {
        if (op.name == name) {
            return &op;
        }
    }
    return nullptr;
}

}  // namespace lemu::routers::sqs
