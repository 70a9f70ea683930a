"""`is_inside`: what the reader, the registry and the photos use to refuse files from
outside the content folder."""

import os

from thidua.domain.paths import folders_fixed, is_inside, real_path


def test_files_and_folders_under_the_root_are_inside(tmp_path):
    root = tmp_path / "content"
    (root / "articles" / "2024").mkdir(parents=True)
    article = root / "articles" / "2024" / "index.md"
    article.write_text("x", "utf-8")
    assert is_inside(str(article), str(root))
    assert is_inside(str(root / "articles"), str(root))
    assert is_inside(str(root), str(root))  # the root itself
    assert is_inside(str(root / "articles" / ".." / "articles"), str(root))


def test_a_sibling_with_the_same_prefix_is_outside(tmp_path):
    root, sibling = tmp_path / "content", tmp_path / "content-old"
    root.mkdir()
    sibling.mkdir()
    (sibling / "a.md").write_text("x", "utf-8")
    assert not is_inside(str(sibling / "a.md"), str(root))
    assert not is_inside(str(root / ".." / "content-old" / "a.md"), str(root))
    assert not is_inside(str(tmp_path), str(root))


def test_links_are_followed_both_ways(tmp_path):
    root, outside = tmp_path / "content", tmp_path / "secret"
    root.mkdir()
    outside.mkdir()
    (outside / "passwd.md").write_text("x", "utf-8")
    os.symlink(outside / "passwd.md", root / "link.md")
    os.symlink(outside, root / "folder")
    assert not is_inside(str(root / "link.md"), str(root))
    assert not is_inside(str(root / "folder" / "passwd.md"), str(root))
    # A root reached through a link: its files are inside it.
    os.symlink(root, tmp_path / "alias")
    (root / "a.md").write_text("x", "utf-8")
    assert is_inside(str(tmp_path / "alias" / "a.md"), str(root))
    assert is_inside(str(root / "a.md"), str(tmp_path / "alias"))


def test_everything_is_inside_the_file_system_root(tmp_path):
    assert is_inside(str(tmp_path), os.sep)


def test_inside_a_fixed_snapshot_links_are_still_followed(tmp_path):
    """Folders' real paths are kept while the content is read; a file that is a link,
    or a folder reached through one, still resolves to where it points."""
    root, outside = tmp_path / "content", tmp_path / "secret"
    (root / "articles").mkdir(parents=True)
    outside.mkdir()
    (outside / "passwd.md").write_text("x", "utf-8")
    (root / "articles" / "a.md").write_text("x", "utf-8")
    os.symlink(outside / "passwd.md", root / "articles" / "link.md")
    os.symlink(outside, root / "folder")
    with folders_fixed():
        assert is_inside(str(root / "articles" / "a.md"), str(root))
        assert not is_inside(str(root / "articles" / "link.md"), str(root))
        assert not is_inside(str(root / "folder" / "passwd.md"), str(root))
        assert real_path(str(root / "folder" / "passwd.md")) == str(outside / "passwd.md")
        assert real_path(str(root / "articles" / ".." / "articles" / "a.md")) == str(
            root / "articles" / "a.md"
        )


def test_outside_a_snapshot_a_changed_folder_is_seen_at_once(tmp_path):
    root, outside = tmp_path / "content", tmp_path / "secret"
    (root / "articles").mkdir(parents=True)
    outside.mkdir()
    (outside / "a.md").write_text("x", "utf-8")
    with folders_fixed():
        assert real_path(str(root / "articles" / "a.md")) == str(root / "articles" / "a.md")
    (root / "articles").rmdir()
    os.symlink(outside, root / "articles")  # the folder is now a link to outside
    assert not is_inside(str(root / "articles" / "a.md"), str(root))


def test_dot_dot_after_a_link_climbs_from_where_the_link_points(tmp_path):
    """'folder/link/../x' is not 'folder/x': the system follows the link, then climbs."""
    root, elsewhere = tmp_path / "content", tmp_path / "elsewhere" / "deep"
    (root / "articles").mkdir(parents=True)
    elsewhere.mkdir(parents=True)
    (tmp_path / "elsewhere" / "x.jpg").write_bytes(b"x")
    (root / "articles" / "x.jpg").write_bytes(b"x")
    os.symlink(elsewhere, root / "articles" / "link")
    tricky = os.path.join(str(root / "articles"), "link", "..", "x.jpg")
    with folders_fixed():
        assert (
            real_path(tricky) == os.path.realpath(tricky) == str(tmp_path / "elsewhere" / "x.jpg")
        )
        assert not is_inside(tricky, str(root))


def test_paths_may_be_path_objects(tmp_path):
    (tmp_path / "content").mkdir()
    with folders_fixed():
        assert is_inside(tmp_path / "content" / "a.md", tmp_path / "content")
    assert is_inside(tmp_path / "content" / "a.md", tmp_path / "content")
