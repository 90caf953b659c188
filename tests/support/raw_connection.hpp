#pragma once
// One raw TCP connection to 127.0.0.1 for tests of hostile clients: send arbitrary bytes (or
// nothing), read what comes back, and tell whether the server closed the connection.

#include <chrono>
#include <cstdint>
#include <string>

namespace coursedist::testing {

class RawConnection {
  public:
    explicit RawConnection(std::uint16_t port);  // throws std::runtime_error when it cannot
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    // False once the server has closed or reset the connection.
    bool send(const std::string& bytes);
    // Reads until the server closes the connection or `limit` passes; true when it closed.
    // Everything received is appended to received().
    bool wait_for_close(std::chrono::milliseconds limit);
    // Reads until `marker` has arrived, the connection closes or `limit` passes.
    bool wait_for(const std::string& marker, std::chrono::milliseconds limit);
    const std::string& received() const { return received_; }

  private:
    // One poll + recv step: false when closed.
    bool read_some(std::chrono::milliseconds limit);
    int fd_ = -1;
    bool closed_ = false;
    std::string received_;
};

}  // namespace coursedist::testing
