#pragma once
// Durability for `--state-dir`: one append-only JSON-lines file per execution,
// `<dir>/<execution id>.jsonl`. The first line carries the execution's identity plus its initial
// state; every later line carries the execution-level fields (status, result, invocation
// bookkeeping, ...) and only the operations and history events that changed since the line before.
// Each append is written with one write(2) and fdatasync(2)'d before the API call that caused it
// returns. Loading replays the lines in order; a torn last line (a crash mid-write) is ignored and
// cut off, and a file whose first line is torn is an execution whose start never returned, so it is
// dropped. After loading, each file is compacted to a single line (write to a temporary file,
// fsync, rename, fsync the directory). Tokens and cached checkpoint responses are not written: the
// invocation that was in flight at a crash is abandoned and replaced by a new one.
//
// Line format (timestamps are epoch milliseconds):
//   {"v":1, "identity":{...} (first line only), "status":"RUNNING", "end":ms, "result":"...",
//    "error":{...}, "changed":[ids], "invoke_requested":true, "retry_at":ms, "failures":0,
//    "in_flight":{"request_id":"...","started":ms}, "next_sequence":3, "parent":{...},
//    "ops":[full operation records], "events":[history events]}

#include <filesystem>
#include <string>
#include <vector>

#include "emulator/durable/durable_execution.hpp"

namespace lemu::durable {

class ExecutionJournal {
public:
    explicit ExecutionJournal(std::filesystem::path dir);

    const std::filesystem::path& dir() const { return dir_; }
    // Appends one line; `first` writes the identity too. Throws std::system_error on I/O failure.
    void append(const ExecutionRecord& record, const ExecutionDelta& delta, bool first);
    void remove(const std::string& execution_id);
    // Every execution found in the directory, compacted on the way.
    std::vector<ExecutionRecord> load();

    // Exposed for tests: one line as written and the replay of a file's lines.
    static std::string encode(const ExecutionRecord& record, const ExecutionDelta& delta, bool first);
    // Applies the lines of one file; returns false when even the first line is unusable.
    // `good_bytes` receives the length of the well-formed prefix.
    static bool replay(const std::string& content, ExecutionRecord& out, std::size_t& good_bytes);

private:
    std::filesystem::path path_for(const std::string& execution_id) const;
    void compact(const ExecutionRecord& record);

    std::filesystem::path dir_;
};

}  // namespace lemu::durable
