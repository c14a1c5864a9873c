// Following a triggered build from the queue to its result, streaming the console on the way.
#include <chrono>
#include <sstream>
#include <thread>

#include "bellwether/error.hpp"
#include "bellwether/http.hpp"
#include "bellwether/jenkins.hpp"

namespace bellwether::jenkins {
namespace {

using Clock = std::chrono::steady_clock;

Clock::duration seconds(double value) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(value));
}

// Sleeps one poll interval, or throws "<what> within <timeout> s<detail>" when the next poll
// would come after the deadline.
void wait_for_next_poll(Clock::time_point deadline, double interval_seconds, double timeout_seconds,
                        const std::string& what, const std::string& detail) {
  const auto interval = seconds(interval_seconds);
  if (Clock::now() + interval > deadline) {
    std::ostringstream message;
    message << what << " within " << timeout_seconds << " s" << detail;
    fail(ErrorKind::http, message.str());
  }
  std::this_thread::sleep_for(interval);
}

}  // namespace

BuildState Client::follow(const std::string& jenkins_job, const QueueItem& item,
                          const std::function<void(const std::string& event)>& progress, double timeout_seconds) {
  const auto deadline = Clock::now() + seconds(timeout_seconds);
  const double interval = settings_.poll_interval_seconds;

  QueueState queued = queue_item(item.id);
  while (!queued.build_number) {
    if (queued.cancelled) return BuildState{0, "CANCELLED", false, item.url, 0};
    wait_for_next_poll(deadline, interval, timeout_seconds,
                       "queue item " + std::to_string(item.id) + " of job " + jenkins_job + " did not start",
                       " (Jenkins: " + (queued.why.empty() ? std::string("no reason given") : queued.why) + ")");
    queued = queue_item(item.id);
  }

  const long number = *queued.build_number;
  long offset = 0;
  for (;;) {
    // The state is read before the console, so once it has a result the console read after it
    // holds the whole log's end.
    const BuildState state = build(jenkins_job, number);
    ConsoleChunk chunk;
    bool advanced = false;
    do {
      chunk = console(jenkins_job, number, offset);
      advanced = chunk.next_offset > offset;
      if (!chunk.text.empty() && progress) progress(chunk.text);
      if (advanced) offset = chunk.next_offset;
    } while (chunk.more && advanced);  // drain what is written so far without waiting
    if (state.result && !chunk.more) return state;
    wait_for_next_poll(deadline, interval, timeout_seconds,
                       "build #" + std::to_string(number) + " of job " + jenkins_job + " did not finish",
                       "; it is still running: " + http::shown_url(state.url));
  }
}

}  // namespace bellwether::jenkins
