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
        "section": "Thời sự › Giao thông",
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

# One line each, so every "Tin khác" link opens a real demo article with its own comments.
LEADS = {
    "demo-2": "Giá vàng miếng giảm gần 2 triệu đồng mỗi lượng trong phiên sáng thứ hai, mức giảm mạnh nhất từ đầu tháng.",
    "demo-3": "Đà Nẵng đón hơn 400.000 lượt khách quốc tế trong tháng cuối năm, cao nhất từ trước đến nay.",
    "demo-4": "Sở Giáo dục TP HCM chốt lịch nghỉ Tết Nguyên đán 11 ngày cho học sinh các cấp.",
    "demo-5": "Đoạn cao tốc dài 48 km qua Khánh Hòa thông xe kỹ thuật, sớm hơn kế hoạch hai tháng.",
    "demo-6": "Huấn luyện viên trưởng công bố danh sách 26 cầu thủ, có bốn gương mặt mới.",
    "demo-7": "Năng suất lúa Đông Xuân ở nhiều tỉnh miền Tây đạt 7 tấn mỗi héc-ta, giá bán ổn định.",
    "demo-8": "Phở, bún chả và bánh cuốn đứng đầu danh sách món ăn du khách tìm kiếm khi đến Hà Nội.",
    "demo-9": "Nhà ga hành khách sân bay Long Thành chạy thử băng chuyền hành lý với 2.000 kiện mỗi giờ.",
    "demo-10": "Bác sĩ khuyên giữ ấm cổ, uống đủ nước và vận động nhẹ mỗi sáng khi trời trở lạnh.",
    "demo-11": "Công ty khởi nghiệp về logistics gọi vốn vòng A, dự định mở rộng sang ba nước Đông Nam Á.",
}

_READERS = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Minh Dũng", "Võ Thị Hạnh", "Đặng Quốc Huy",
            "Bùi Thu Trang", "Hoàng Đức Long", "Ngô Thị Mai", "Đỗ Thành Nam", "Lý Ngọc Phương", "Trịnh Văn Quang"]
_BUS_REMARKS = ["Tin vui cho người dân khu vực này, mong triển khai đúng tiến độ.",
                "Nên bố trí thêm điểm dừng gần các trường học.",
                "Xe buýt điện êm và sạch, tôi sẽ chuyển sang đi buýt.",
                "Hy vọng giờ cao điểm tần suất dày hơn."]
# What readers write under any news story, varied enough that a thread reads like one.
_REMARKS = ["Cảm ơn tòa soạn đã đưa tin kịp thời.",
            "Thông tin hữu ích, tôi vừa chia sẻ cho gia đình.",
            "Mong có thêm số liệu so sánh với cùng kỳ năm ngoái.",
            "Đọc xong thấy yên tâm hơn, cảm ơn bài viết.",
            "Tôi ở gần đó, đúng là mấy tuần nay thay đổi rõ.",
            "Bài viết rõ ràng, dễ hiểu.",
            "Không biết các tỉnh khác có làm tương tự không?",
            "Hy vọng chính sách này được duy trì lâu dài.",
            "Tuần trước tôi cũng gặp tình huống như bài viết kể.",
            "Cần kiểm tra kỹ trước khi triển khai rộng.",
            "Rất mong tòa soạn tiếp tục theo dõi và đưa tin.",
            "Cuối tuần này tôi sẽ đưa con đi xem thử.",
            "Giá cả như vậy là hợp lý với người lao động.",
            "Chúc mừng, một tin đáng tự hào!"]


def demo_article(article_id):
    """The demo article with this id, shaped like MAIN, or None."""
    if article_id == MAIN["id"]:
        return MAIN
    title = dict(HEADLINES).get(article_id)
    if title is None:
        return None
    return {"id": article_id, "title": title, "lead": LEADS[article_id], "body": []}


def other_articles(article_id):
    """(id, title) of the "Tin khác" list beside an article: every demo article but itself."""
    return [(a, t) for a, t in [(MAIN["id"], MAIN["title"]), *HEADLINES] if a != article_id]


def _comment(screen, article_id, n, approve, parent_id=None):
    remarks = _BUS_REMARKS if article_id == MAIN["id"] else _REMARKS
    data = {"author": _READERS[n % len(_READERS)], "body": remarks[n % len(remarks)]}
    if parent_id:
        data["parent_id"] = parent_id
    receipt = submit_comment(article_id, data, ip_hash=f"demo-seed-{n}", policy=Policy(secret="demo"),
                             screen=screen)
    if approve:
        transition(receipt.comment_id, "approve")
    return receipt.comment_id


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
