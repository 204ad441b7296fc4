"""The demo newsroom: one article page and ten headlines, so a newcomer sees the product at once.

``seed_demo(screen)`` fills an empty database with these articles and a few approved and
pending comments, through the same services readers and moderators use, so counts
are real. It is idempotent: once the main demo article exists it does nothing.
"""
from moderation.services.articles import ensure_article, find_article
from moderation.services.submissions import Policy, submit_comment
from moderation.extensions import db
from moderation.services.decisions import transition

MAIN = {"id": "demo-1", "title": "Hà Nội mở thêm 5 tuyến buýt điện kết nối các khu đô thị phía Tây",
        "lead": "Từ đầu tháng tới, người dân các khu đô thị phía Tây Hà Nội có thêm 5 tuyến xe buýt điện, "
                "giãn cách 10-15 phút mỗi chuyến, giá vé giữ nguyên 7.000 đồng.",
        "body": ["Theo Sở Xây dựng Hà Nội, các tuyến mới nối Mỹ Đình, Tây Mỗ, Dương Nội và Nam Từ Liêm "
                 "với trung tâm thành phố, hoạt động từ 5h đến 22h hằng ngày.",
                 "Mỗi tuyến dùng 15 đến 20 xe buýt điện cỡ trung, có chỗ cho xe lăn và thanh toán bằng thẻ "
                 "hoặc mã QR. Thành phố đặt mục tiêu thay toàn bộ xe buýt chạy dầu trước năm 2030.",
                 "Đại diện đơn vị vận hành cho biết sẽ lấy ý kiến người dân sau ba tháng để điều chỉnh "
                 "lộ trình và tần suất cho phù hợp với nhu cầu đi lại."]}

HEADLINES = [
    ("demo-2", "Giá vàng miếng giảm mạnh phiên đầu tuần"),
    ("demo-3", "Đà Nẵng đón lượng khách quốc tế kỷ lục dịp cuối năm"),
    ("demo-4", "Học sinh TP HCM được nghỉ Tết Nguyên đán 11 ngày"),
    ("demo-5", "Cao tốc Bắc - Nam đoạn qua Khánh Hòa thông xe kỹ thuật"),
    ("demo-6", "Đội tuyển Việt Nam chốt danh sách dự giải Đông Nam Á"),
    ("demo-7", "Nông dân miền Tây trúng mùa lúa Đông Xuân"),
    ("demo-8", "Những món ăn đường phố Hà Nội được du khách yêu thích"),
    ("demo-9", "Sân bay Long Thành chạy thử hệ thống băng chuyền hành lý"),
    ("demo-10", "Cách giữ sức khỏe khi trời chuyển lạnh"),
    ("demo-11", "Startup Việt gọi vốn thành công 20 triệu USD"),
]

_READERS = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Minh Dũng", "Võ Thị Hạnh"]
_REMARKS = ["Tin vui cho người dân khu vực này, mong triển khai đúng tiến độ.",
            "Nên bố trí thêm điểm dừng gần các trường học.",
            "Xe buýt điện êm và sạch, tôi sẽ chuyển sang đi buýt.",
            "Hy vọng giờ cao điểm tần suất dày hơn.",
            "Cảm ơn tòa soạn đã đưa tin kịp thời."]


def _comment(screen, article_id, n, approve, parent_id=None):
    data = {"author": _READERS[n % len(_READERS)], "body": f"{_REMARKS[n % len(_REMARKS)]} (#{n})"}
    if parent_id:
        data["parent_id"] = parent_id
    receipt = submit_comment(article_id, data, ip_hash=f"demo-seed-{n}", policy=Policy(secret="demo"),
                             screen=screen)
    if approve:
        transition(receipt.comment.id, "approve")
    return receipt.comment.id


def seed_demo(screen):
    """Create the demo articles and comments if missing; returns True when it seeded.

    ``screen`` is the app's word-rule screen: demo comments pass the same rules as real ones.
    """
    if find_article(MAIN["id"]) is not None:
        return False
    ensure_article(MAIN["id"], MAIN["title"])
    for article_id, title in HEADLINES:
        ensure_article(article_id, title)
    db.session.commit()
    first = _comment(screen, MAIN["id"], 0, approve=True)
    _comment(screen, MAIN["id"], 1, approve=True, parent_id=first)
    _comment(screen, MAIN["id"], 2, approve=True)
    _comment(screen, MAIN["id"], 3, approve=False)
    n = 10
    for index, (article_id, _title) in enumerate(HEADLINES):
        for _ in range((index * 7) % 12):
            _comment(screen, article_id, n, approve=True)
            n += 1
    return True
