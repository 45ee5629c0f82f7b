// Allocation of Async coroutine frames: each frame is preceded by an AsyncFrameHeader that
// holds the frame's boxed future (see async_fn.h). Out of line on purpose: the compiler must
// not pair the header-adjusted pointers with the global operators it sees inside.
#include "async_fn.h"

#include "frame_pool.h"

namespace pw {

void* Async::promise_type::operator new(std::size_t frameSize)
{
    std::uint8_t sizeClass = 0;
    void* block = allocateFrame(sizeof(detail::AsyncFrameHeader) + frameSize, sizeClass);
    auto* header = ::new (block) detail::AsyncFrameHeader;
    header->sizeClass = sizeClass;
    return reinterpret_cast<unsigned char*>(header) + sizeof(detail::AsyncFrameHeader);
}

void Async::promise_type::operator delete(void* frame) noexcept
{
    detail::AsyncFrameHeader* header = detail::AsyncFrameHeader::ofFrame(frame);
    header->frameAlive = false;
    if (!header->boxAlive)
        freeFrame(header, header->sizeClass);
}

void detail::AsyncBox::operator delete(void* box) noexcept
{
    // `box` is the start of its header (the box is the header's first member).
    auto* header = static_cast<detail::AsyncFrameHeader*>(box);
    header->boxAlive = false;
    if (!header->frameAlive)
        freeFrame(header, header->sizeClass);
}

} // namespace pw
