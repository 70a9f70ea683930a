"""What each kind of event is called in a report's tags (the labels are in the settings)."""

from __future__ import annotations

EVENT_TAGS = {
    "ky-ket": "giao ước thi đua",
    "trien-khai": "triển khai",
    "so-ket": "sơ kết",
    "tong-ket": "tổng kết",
    "giao-luu": "giao lưu",
}
