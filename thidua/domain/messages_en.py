"""English for every message of `messages.t`, shown with ``THIDUA_LANG=en``.

Keys are the Vietnamese texts exactly as written in the code; values keep the
same ``{placeholders}``. tests/unit/test_messages.py checks both.
"""

EN: dict[str, str] = {
    # messages.py, model.py: the frame of every problem
    "lỗi": "error",
    "cảnh báo": "warning",
    " — có phải ý bạn là {value}?": " — did you mean {value}?",
    "{first} hoặc {last}": "{first} or {last}",
    "phần đầu bài": "front matter",
    "tệp": "file",
    "nội dung bài": "body",
    # report.py
    "Đã kiểm tra {articles} bài viết, {pages} trang, {clusters} cụm/khối, {units} đơn vị: "
    "{errors} lỗi, {warnings} cảnh báo": "Checked {articles} articles, {pages} pages, "
    "{clusters} clusters, {units} units: {errors} errors, {warnings} warnings",
    "{count} lỗi trong nội dung:\n{lines}": "{count} problem(s) in the content:\n{lines}",
    "(bản nháp: chưa được dựng cho tới khi sửa xong)": "(draft: not built until fixed)",
    # frontmatter.py: the header and YAML
    "'{key}' được ghi hai lần (lần đầu ở dòng {first}); hãy xoá một dòng": "'{key}' is set "
    "twice (first on line {first}); keep one",
    "giá trị không được bắt đầu bằng & hay * (ký hiệu tham chiếu của YAML); hãy đặt cả giá "
    "trị trong ngoặc kép, hoặc viết giá trị ra đầy đủ": "a value may not start with & or * "
    "(YAML anchors and aliases); put the whole value in double quotes, or write it out",
    "các danh sách lồng nhau quá {limit} tầng; hãy viết đơn giản hơn, như mẫu photos: trong "
    "README": "nested more than {limit} levels deep; keep to the shape of photos: in the README",
    "các danh sách lồng nhau quá sâu; hãy viết đơn giản hơn, như mẫu photos: trong README": (
        "nested too deeply; keep to the shape of photos: in the README"
    ),
    "phần đầu bài mở bằng dòng '---' nhưng không có dòng '---' đóng lại; hãy thêm một dòng "
    "'---' sau trường cuối cùng": "the header opened with '---' is never closed; add a '---' "
    "line after the last field",
    "phần đầu bài dài quá {limit} ký tự; hãy chuyển phần chữ dài xuống nội dung bài, dưới "
    "dòng '---'": "the header is longer than {limit} characters; long text belongs in the "
    "body, below the '---' line",
    "phần đầu bài phải gồm các dòng 'tên: giá trị', ví dụ title: …": "the header must be "
    "'key: value' lines, like title: …",
    "dòng này có ký tự tab; hãy thay bằng dấu cách": "this line has a tab; use spaces instead",
    "giá trị có dấu hai chấm (:) nên phải đặt cả giá trị trong ngoặc kép, ví dụ: {fixed}": (
        "the value has a colon (:), so put the whole value in double quotes: {fixed}"
    ),
    "dòng này thụt lề không khớp với dòng trên; hãy viết mỗi trường sát lề trái, các dòng "
    "trong một mục của photos: thẳng hàng với nhau": "this line is indented unlike the line "
    "above; start each field at the left margin, and line up the lines of one photos: entry",
    "giá trị không được bắt đầu bằng ký tự '{char}'; hãy đặt cả giá trị trong ngoặc kép, ví "
    "dụ: {fixed}": "a value may not start with '{char}'; put the whole value in double "
    "quotes: {fixed}",
    "dòng này thiếu dấu hai chấm: mỗi dòng phải có dạng 'tên: giá trị' (ví dụ location: Hội "
    "trường). Nếu đây là phần tiếp của dòng trên, hãy nối vào dòng trên": "this line has no "
    "colon: every line is 'key: value' (like location: Hội trường). If it continues the line "
    "above, join the two",
    "danh sách mở bằng '[' ở dòng này chưa được đóng; hãy thêm ']' ở cuối danh sách, ví dụ: "
    "tags: [giao ước, 2024]": "the list opened with '[' on this line is not closed; add ']' "
    "at its end, like tags: [giao ước, 2024]",
    "dấu '{{' ở dòng này chưa được đóng; hãy thêm '}}', hoặc đặt cả giá trị trong ngoặc kép": (
        "the '{{' on this line is not closed; add '}}', or put the whole value in double quotes"
    ),
    "một dấu ngoặc bên trong giá trị đã kết thúc giá trị quá sớm, nên phần chữ sau nó bị đọc "
    "sai; hãy viết lại dòng này như sau: {fixed}": "a quote inside the value ended it too "
    "early, so the text after it is misread; write the line like this: {fixed}",
    "dòng này thụt lề không khớp với các mục của danh sách; mỗi mục bắt đầu bằng '- ', các "
    "dòng trong một mục thẳng hàng với nhau": "this line is indented unlike the entries of "
    "the list; each entry starts with '- ' and its lines line up",
    "danh sách viết trên cùng dòng với tên trường phải có dạng [a, b]; hoặc xuống dòng và "
    "viết mỗi mục trên một dòng bắt đầu bằng '- '": "a list on the field's own line is "
    "written [a, b]; or put each entry on a line of its own starting with '- '",
    "trong ngoặc kép, dấu \\ có nghĩa riêng; hãy đặt giá trị trong ngoặc đơn '…' thay cho "
    "ngoặc kép": "inside double quotes a \\ starts an escape; use single quotes '…' instead",
    "giá trị bắt đầu bằng '!'; hãy đặt cả giá trị trong ngoặc kép": "the value starts with "
    "'!'; put the whole value in double quotes",
    "tên trường phải là chữ, không phải danh sách; hãy viết 'tên: giá trị'": "a field name "
    "must be text, not a list; write 'key: value'",
    "không đọc được dòng này; mỗi dòng phải có dạng 'tên: giá trị', danh sách như [a, b], giá "
    "trị có ký tự đặc biệt thì đặt trong ngoặc kép (chi tiết: {detail})": "this line cannot "
    "be read; every line is 'key: value', lists are [a, b], and values with special "
    "characters go in double quotes (details: {detail})",
    "dấu ngoặc {kind} ({quote}) mở ở dòng này chưa được đóng; hãy thêm {quote} ở cuối giá "
    "trị, trên cùng dòng": "the {kind} quote ({quote}) opened on this line is not closed; "
    "add {quote} at the end of the value, on the same line",
    "kép": "double",
    "đơn": "single",
    # fields.py
    "chưa có tiêu đề; hãy thêm một dòng title: … vào phần đầu bài": "missing: add a title: … "
    "line to the header",
    "danh sách": "a list",
    "các dòng 'tên: giá trị'": "key: value lines",
    "phải là chữ, không phải {kind}; hãy viết cả giá trị trên một dòng, ví dụ {name}: …": (
        "must be text, not {kind}; write the value on one line, like {name}: …"
    ),
    "dài {length} ký tự, quá mức {limit} ký tự; hãy viết ngắn lại": "is {length} characters "
    "long; at most {limit} are accepted",
    "phải là một ngày, không phải danh sách; ví dụ {name}: 27/05/2024 09:00": "must be one "
    "date, not a list, like {name}: 27/05/2024 09:00",
    "'{raw}' không phải là một năm; hãy viết năm thi đua bằng 4 chữ số, ví dụ 2024": "'{raw}' "
    "is not a year; write the emulation year in 4 digits, like 2024",
    "không có trạng thái '{raw}'; hãy ghi một trong {choices} (chữ thường)": "unknown status "
    "'{raw}'; one of {choices} (lower case)",
    "'{text}' không phải true hay false; hãy ghi true hoặc false": "'{text}' is neither true "
    "nor false",
    "{error}; hoặc ghi true / false": "{error}; or write true / false",
    "phải là danh sách như [a, b], không phải các dòng 'tên: giá trị'": "must be a list like "
    "[a, b], not key: value lines",
    "mỗi mục phải là chữ, không phải một danh sách lồng bên trong": "each entry must be text, "
    "not a nested list",
    "chỉ được có chữ thường không dấu a-z, số 0-9 và một dấu gạch nối giữa các từ, vì slug là "
    "địa chỉ của trang": "may hold only a-z, 0-9 and single hyphens (it becomes the address)",
    "'{value}' không phải tên một mẫu trang như 'page'": "'{value}' is not a template name "
    "like 'page'",
    "'{value}' không phải mã ngôn ngữ như 'vi'": "'{value}' is not a language code like 'vi'",
    "không phải tên trường mà cổng thông tin biết, nên bị bỏ qua; hãy sửa lại tên trường hoặc "
    "xoá dòng này": "is not a field the portal knows; it is ignored (correct or remove it)",
    "'{value}' phải là một đường dẫn bên trong trang, ví dụ 'gioi-thieu/index.html'": (
        "'{value}' must be a path inside the site, like 'gioi-thieu/index.html'"
    ),
    "'{value}' chỉ được có chữ cái không dấu, chữ số và các dấu '-', '_', '.', '/'": (
        "'{value}' may hold only ASCII letters, digits, '-', '_', '.', '/'"
    ),
    "'{value}' không được có '..', '.' hay '//'": "'{value}' must not contain '..', '.' or '//'",
    "'{value}' phải là tên một tệp .html, ví dụ 'gioi-thieu/index.html'": "'{value}' must "
    "name an .html file, like 'gioi-thieu/index.html'",
    # index.py: an article against the registry
    "chưa có ngày đăng; hãy thêm một dòng date: 27/05/2024 09:00": "missing: add a date like "
    "date: 27/05/2024 09:00",
    "không có loại sự kiện '{value}'; hãy ghi một trong {choices}": "unknown event '{value}'; "
    "one of {choices}",
    "chưa ghi cụm hay khối thi đua; hãy thêm dòng cluster: với mã (slug) của cụm, như trong "
    "{folder}": "missing: name the cluster or block with cluster: and its slug, as in {folder}",
    "không có cụm hay khối nào mang mã '{value}' trong {folder}": "unknown cluster '{value}' "
    "(not in {folder})",
    "'{value}' là tên, không phải mã của cụm; hãy ghi mã (slug) của cụm, như trong {folder}": (
        "'{value}' is a name, not a cluster slug; write the cluster's slug, as in {folder}"
    ),
    "; các mã đang có: {slugs}": "; the slugs are: {slugs}",
    "{cluster} chưa có năm thi đua nào; hãy thêm năm {year} vào terms: trong {source}": (
        "{cluster} has no emulation year yet; add {year} under terms: in {source}"
    ),
    "{cluster} chưa có năm thi đua {year} (các năm đã có: {years}); nếu bài viết thuộc năm "
    "{year}, hãy thêm năm {year} vào terms: trong {source}, nếu không thì sửa lại year:": (
        "{cluster} has no term for {year} (its years: {years}); if the article is about "
        "{year}, add {year} under terms: in {source}, else correct year:"
    ),
    "ngày đăng thuộc năm {year} nhưng {cluster} chưa có năm thi đua {year} (các năm đã có: "
    "{years}); hãy thêm năm {year} vào terms: trong {source}, hoặc ghi year: nếu bài viết "
    "thuộc một năm thi đua khác": "the date is in {year} but {cluster} has no term for {year} "
    "(its years: {years}); add {year} under terms: in {source}, or give year: if the article "
    "belongs to another emulation year",
    "không có đơn vị nào mang mã '{slug}' trong {file}": "unknown unit '{slug}' (not in {file})",
    " (năm đó đơn vị này thuộc {other})": " (it is in {other} that year)",
    "đơn vị '{slug}' không phải thành viên của {cluster} năm {year}{where}; hãy bỏ đơn vị này "
    "khỏi units: hoặc kiểm tra lại cluster:": "unit '{slug}' is not a member of {cluster} in "
    "{year}{where}; remove it from units: or check cluster:",
    # registry.py
    "không có thư mục danh sách cụm; hãy tạo thư mục này, mỗi cụm hay khối một tệp .yml": (
        "the registry folder does not exist; create it, one .yml file per cluster or block"
    ),
    "mã cụm '{slug}' đã được dùng trong {other}; hãy ghi cho một trong hai cụm một dòng slug: "
    "khác": "cluster slug '{slug}' is already used by {other}; give one of them its own slug:",
    "là liên kết tới một tệp ngoài thư mục nội dung; hãy chép chính tệp đó vào đây": "is a "
    "link to a file outside the content folder; copy the file itself here",
    "lớn hơn {limit} MB; một tệp danh sách chỉ cần vài kB": "is larger than {limit} MB; a "
    "registry file needs a few kB",
    "không phải văn bản UTF-8; hãy lưu lại tệp với bảng mã UTF-8": "is not UTF-8 text; save "
    "it as UTF-8",
    "không đọc được tệp ({reason})": "cannot be read ({reason})",
    "chưa có danh sách đơn vị; hãy tạo tệp này, mỗi đơn vị một mục có slug, name, short_name": (
        "the list of units does not exist; create it, one entry of slug, name, short_name per unit"
    ),
    "phải là danh sách đơn vị, mỗi mục có slug, name, short_name": "must be a list of units, "
    "each with slug, name, short_name",
    "đơn vị nào cũng cần có name (tên đầy đủ)": "every unit needs a name",
    "mã đơn vị '{slug}' có hai lần trong danh sách; hãy đổi hoặc xoá một mục": "unit slug "
    "'{slug}' is used twice in the list; change or remove one",
    "tệp trống; hãy ghi name, kind, number, agency và terms như mẫu trong README": "is empty; "
    "write name, kind, number, agency and terms as in the README",
    "phải gồm các dòng 'tên: giá trị' (name, kind, number, agency, terms)": "must be 'key: "
    "value' lines (name, kind, number, agency, terms)",
    "chưa có tên cụm; hãy thêm dòng name:, ví dụ name: Cụm thi đua số 1": "missing: add a "
    "name:, like name: Cụm thi đua số 1",
    "không có loại '{kind}'; hãy ghi cụm hoặc khối": "unknown kind '{kind}'; use cụm or khối",
    '\'{number}\' không phải số thứ tự; hãy ghi chữ số hoặc số La Mã, ví dụ "02", "III"': (
        '\'{number}\' is neither a number nor a Roman numeral (e.g. "02", "III")'
    ),
    "không được dùng {what} trong phần mô tả; hãy chỉ viết chữ và liên kết http(s)": "{what} "
    "is not allowed in a description: write text and http(s) links only",
    "chưa có năm thi đua nào; hãy thêm terms: với year, members và head cho từng năm": "no "
    "emulation year listed: add terms: with year, members and head for each year",
    "phải là danh sách, mỗi năm thi đua một mục bắt đầu bằng '- year:'": "must be a list, one "
    "entry per year starting with '- year:'",
    "mỗi năm phải có year, members, head": "must have year, members, head",
    "'{value}' không phải là một năm; hãy viết 4 chữ số, ví dụ 2024": "'{value}' is not a "
    "year like 2024",
    "năm {year} được ghi hai lần; hãy gộp lại thành một mục": "year {year} is listed twice; "
    "merge the two entries",
    "năm {year} chưa có đơn vị thành viên; hãy ghi members: [mã đơn vị, …]": "no members "
    "listed for {year}; write members: [unit slug, …]",
    "một đơn vị không thể vừa là trưởng (head) vừa là phó (deputy); hãy chọn đơn vị khác làm "
    "deputy": "the deputy cannot be the head as well; choose another deputy",
    "không có đơn vị nào mang mã '{slug}' trong danh sách đơn vị": "unknown unit '{slug}' "
    "(not in the list of units)",
    "đơn vị '{slug}' được ghi hai lần; hãy xoá một lần": "unit '{slug}' is listed twice; "
    "remove one",
    "chưa ghi đơn vị trưởng (head) của năm này": "no head unit named for this year",
    "'{slug}' không có trong members: của năm này; {role} phải là một thành viên": "'{slug}' "
    "is not among this year's members:; the {role} must be a member",
    "đơn vị '{slug}' cũng thuộc {other} năm {year}; mỗi năm một đơn vị chỉ thuộc một cụm hay "
    "khối": "unit '{slug}' is also in {other} in {year}; a unit belongs to one cluster or "
    "block a year",
    # markup.py, reader.py: the text of an article
    "địa chỉ '{scheme}:' ('{url}')": "a '{scheme}:' address ('{url}')",
    "thẻ <{tag}>": "a <{tag}> element",
    "thuộc tính '{name}' của thẻ <{tag}>": "an '{name}' attribute on <{tag}>",
    "{problem} ở <{tag} {name}>": "{problem} in <{tag} {name}>",
    "không được dùng {what} trong bài; hãy chỉ viết chữ và liên kết http(s)": "{what} is not "
    "allowed in the text: write text and http(s) links only",
    "là liên kết tới một tệp ngoài thư mục nội dung; hãy chép chính tệp đó vào thư mục nội "
    "dung": "is a link to a file outside the content folder; copy the file itself into the "
    "content folder",
    "lớn hơn {limit} MB; một bài viết chỉ cần vài chục kB, ảnh thì đặt thành tệp riêng": (
        "is larger than {limit} MB; an article needs tens of kB, photos are files of their own"
    ),
    "không đọc được tệp: {error}": "could not be read: {error}",
    "tiêu đề không có chữ hay số nào để làm địa chỉ trang; hãy thêm một dòng slug:, ví dụ "
    "slug: ky-ket-2024": "the address would be empty: the title has no letters or digits; "
    "add a slug: like slug: ky-ket-2024",
    "chủ đề '{tag}' không có chữ hay số nào để làm địa chỉ trang; hãy sửa hoặc xoá chủ đề "
    "này": "tag '{tag}' has no letters or digits to make its address; change or remove it",
    # enrich.py, outputs.py: the site as a whole
    "là liên kết tới một tệp ngoài thư mục nội dung nên không được đăng; hãy chép chính tệp "
    "đó vào thư mục nội dung": "is a link to a file outside the content folder; it is not "
    "published (copy the file itself)",
    "{source}: bản nháp chưa được dựng cho tới khi sửa xong các lỗi": "{source}: draft not "
    "built until its problems are fixed",
    "trang này sẽ được ghi ra ngoài thư mục của trang web ({path}); hãy sửa {name}:": "the "
    "page would be written outside the site ({path}); correct {name}:",
    "trang này sẽ được ghi vào {path}, trùng với {owner}; hãy ghi cho {kind} này một dòng "
    "slug: khác (hoặc bỏ dòng save_as:)": "would be written to {path}, which is already "
    "{owner}; give this {kind} another slug: (or remove its save_as:)",
    "bài viết": "article",
    "trang": "page",
    "trang '{template}'": "the '{template}' page",
    "trang {target}": "the page {target}",
    "trang của chủ đề '{tag}'": "the page of tag '{tag}'",
    "trang danh sách cụm": "the list of clusters",
    "trang danh sách đơn vị": "the list of units",
    "trang lưu trữ": "the archive",
    "trang của {slug}": "the page of {slug}",
    "trang của {slug} năm {year}": "the page of {slug} in {year}",
    "trang của đơn vị {slug}": "the page of unit {slug}",
    "trang của sự kiện {slug}": "the page of event {slug}",
    "trang lưu trữ năm {year}": "the archive of {year}",
    "trang thư viện ảnh": "the photo library",
    # gallery: photos
    "ảnh '{name}': {what}": "photo '{name}': {what}",
    "photo_folder '{name}': thư mục này nằm ngoài thư mục nội dung; hãy chép ảnh vào thư mục "
    "nội dung": "photo_folder '{name}': path leaves the content folder",
    "photo_folder '{name}': không có thư mục này; hãy kiểm tra lại tên thư mục": "photo_folder "
    "'{name}': folder not found",
    "photos: phải là danh sách, mỗi ảnh một mục có file, caption và alt": "photos: must be a "
    "list of entries with file, caption and alt",
    "photos: mục thứ {number} chưa có file: (tên tệp ảnh)": "photos: entry {number} has no file:",
    "được ghi nhiều lần (mục {first} và {number}); hãy xoá một mục": "listed more than once "
    "(entries {first} and {number})",
    "(ảnh bìa, cover) {what}": "(cover) {what}",
    "đường dẫn ra ngoài thư mục nội dung; hãy đặt ảnh cạnh bài viết": "path leaves the "
    "content folder; put the photo beside the article",
    "không có tệp này": "file not found",
    "không có tệp này; hãy kiểm tra lại tên tệp, hoặc chép ảnh vào thư mục của bài viết": (
        "file not found; check the name, or copy the photo into the article's folder"
    ),
    "không phải một tệp ảnh mà là thư mục": "not a file but a folder",
    "{what} (ảnh chèn trong bài)": "{what} (image in the text)",
    "{problem} (ảnh này được bỏ qua)": "{problem} (the photo is left out)",
    "chưa được xử lý": "not processed",
    "tệp trống (0 byte); hãy chép lại ảnh gốc": "empty file (0 bytes); copy the original again",
    "ảnh quá lớn, không mở an toàn được ({error}); hãy thu nhỏ ảnh": "image too large to open "
    "safely ({error}); make it smaller",
    "tệp này không phải ảnh (không nhận ra định dạng ảnh nào); hãy chép lại ảnh gốc, dạng "
    "JPEG hoặc PNG": "not an image (no image format recognised in the file); copy the "
    "original again, as JPEG or PNG",
    "không đọc được tệp ({error})": "cannot read the file ({error})",
    "định dạng ảnh {format} không dùng được (dùng được: {accepted}); hãy lưu ảnh dạng JPEG "
    "hoặc PNG": "unsupported image format {format} (accepted: {accepted}); save it as JPEG or PNG",
    "ảnh {width}×{height} = {megapixels:.1f} megapixel, quá giới hạn {limit:.1f} "
    "(GALLERY_MAX_PIXELS); hãy thu nhỏ ảnh": "image is {width}×{height} = {megapixels:.1f} "
    "megapixels, over the limit of {limit:.1f} (GALLERY_MAX_PIXELS); make it smaller",
    "ảnh bị hỏng ({error}); hãy chép lại ảnh gốc": "corrupt image ({error}); copy the "
    "original again",
    "ảnh bị hỏng hoặc chưa chép hết ({error}); hãy chép lại ảnh gốc": "corrupt or truncated "
    "image ({error}); copy the original again",
    "ảnh JPEG bị hỏng (sai mã đánh dấu); hãy chép lại ảnh gốc": "corrupt JPEG (bad marker); "
    "copy the original again",
    "ảnh JPEG chưa chép hết; hãy chép lại ảnh gốc": "truncated JPEG; copy the original again",
    # dates.py
    "dạng 27/05/2024, 27/05/2024 09:00 hoặc 2024-05-27 09:00": "like 27/05/2024, 27/05/2024 "
    "09:00 or 2024-05-27 09:00",
    "không phải ngày; hãy viết {forms}": "not a date; write it {forms}",
    "chưa có ngày; hãy viết {forms}": "no date; write it {forms}",
    "năm phải viết đủ 4 chữ số, {forms}": "write the year in 4 digits, {forms}",
    "không đọc được ngày này; hãy viết ngày trước tháng, năm đủ 4 chữ số, {forms}": "cannot "
    "read this date; write the day first and the year in 4 digits, {forms}",
    "không có tháng {month} (tháng từ 1 đến 12)": "there is no month {month} (months run from "
    "1 to 12)",
    "tháng {month} năm {year} không có ngày {day} (tháng này có {days} ngày)": "month "
    "{month} of {year} has no day {day} (it has {days} days)",
    "không có giờ {hour:02d}:{minute:02d} (giờ phải từ 00:00 đến 23:59)": "there is no time "
    "{hour:02d}:{minute:02d} (times run from 00:00 to 23:59)",
    "không có giây {second} (giây từ 00 đến 59)": "there is no second {second} (seconds run "
    "from 00 to 59)",
    "năm {year} nằm ngoài khoảng cho phép (từ {low} đến {high})": "the year {year} is out of "
    "range ({low} to {high})",
    "không có múi giờ {offset} (múi giờ từ -12:00 đến +14:00)": "there is no time zone "
    "{offset} (zones run from -12:00 to +14:00)",
    "ngày đăng {date} cách năm thi đua {year} hơn một năm; hãy kiểm tra lại date: hoặc year:": (
        "the date {date} is more than a year from the emulation year {year}; check date: or year:"
    ),
    # cli/build.py: make check, make html
    "Không có thư mục nội dung '{content}'; hãy kiểm tra lại CONTENT=…": "error: content "
    "folder '{content}' does not exist; check CONTENT=…",
    "Còn {count} lỗi cần sửa.": "{count} problem(s) to fix.",
    "Nội dung hợp lệ.": "Content is valid.",
    "Dừng dựng trang: còn {count} lỗi cần sửa; {output}/ vẫn giữ nguyên bản cũ.": "Build "
    "stopped: {count} problem(s) to fix; {output}/ was not touched.",
    "Dựng trang không thành công: {error}\n{output}/ vẫn giữ nguyên bản cũ.": "Build failed: "
    "{error}\n{output}/ was not touched.",
    "Đã dựng xong {output}/ trong {seconds:.1f} giây.": "Built {output}/ in {seconds:.1f} s.",
    "Không có gì thay đổi từ lần dựng trước: {output}/ đã đúng ({seconds:.1f} giây).": (
        "Nothing changed since the last build: {output}/ is up to date ({seconds:.1f} s)."
    ),
    # cli/new_article.py: make new
    "lỗi: {error}": "error: {error}",
    'TITLE: chưa có tiêu đề; hãy ghi make new CLUSTER=… TITLE="…"': "TITLE is empty: make new "
    'CLUSTER=… TITLE="…"',
    "TITLE: tiêu đề cần có chữ hoặc số để làm địa chỉ bài viết": "TITLE needs letters or "
    "digits to make the article's address",
    'CLUSTER: chưa ghi cụm; hãy ghi make new CLUSTER=<mã cụm> TITLE="…", các mã đang có: '
    "{slugs}": 'CLUSTER is empty: make new CLUSTER=<slug> TITLE="…"; the slugs are: {slugs}',
    "EVENT: không có loại sự kiện '{value}'; hãy ghi một trong {choices}": "EVENT: unknown "
    "event '{value}'; one of {choices}",
    "{cluster} chưa có năm thi đua {year} (các năm đã có: {years}). Nếu bài viết thuộc năm "
    "khác, hãy ghi ngày đăng, ví dụ {example}; nếu đúng là năm {year}, hãy thêm năm {year} "
    "vào terms: trong {source}": "{cluster} has no term for {year} (its years: {years}). If "
    "the article is about another year, give its date, like {example}; if it is {year}, add "
    "{year} under terms: in {source}",
    " (chưa ghi DATE= nên lấy ngày hôm nay)": " (no DATE= given, so today was used)",
    "lỗi: đã có bài viết mang địa chỉ '{slug}': {path}; hãy đặt tiêu đề khác (hoặc sửa bài "
    "đó)": "error: an article with the address '{slug}' already exists: {path}; choose "
    "another title (or edit that one)",
    "Đã tạo bài viết nháp {path} (status: draft).": "Wrote {path} (status: draft).",
    "Ảnh: chép vào {folder}/ rồi ghi tên tệp dưới photos:": "Photos: copy them into "
    "{folder}/ and list their names under photos:",
    "Xem bản nháp: chạy make serve rồi mở {url}": "See the draft: run make serve, then open {url}",
    "Tiêu đề không nói rõ loại sự kiện: hãy ghi event: trong bài ({choices}), hoặc chạy lại "
    "với EVENT=…": "The title names no event: write event: in the article ({choices}), or "
    "run again with EVENT=…",
    "Khi bài viết xong, đổi status: draft thành status: published.": "When the article is "
    "ready, change status: draft to status: published.",
}
