"""The chat page in a real browser: two sessions in one room see each other's messages, edits and deletes
live; reloading shows the history; scrolling up loads older pages; a dropped stream resumes."""
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

WAIT = 20


def join(driver, url, room, name):
    driver.get(url + "/")
    room_input = driver.find_element(By.ID, "room")
    room_input.clear()
    room_input.send_keys(room)
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "join").click()
    WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.ID, "status").get_attribute("data-state") == "live")


def rows(driver):
    """The messages shown, oldest first, as (sender, text) pairs."""
    return driver.execute_script("""
        return [...document.querySelectorAll('li.msg')].map(item =>
            [item.querySelector('.sender').textContent,
             (item.querySelector('.content') || item.querySelector('.edit-input')).textContent]);
    """)


def wait_for_row(driver, sender, text):
    WebDriverWait(driver, WAIT).until(lambda d: [sender, text] in rows(d), f"{sender}: {text} never appeared")


def send(driver, text):
    box = driver.find_element(By.ID, "content")
    box.send_keys(text)
    driver.find_element(By.ID, "send").click()


def row_of(driver, text):
    for item in driver.find_elements(By.CSS_SELECTOR, "li.msg"):
        if item.find_element(By.CSS_SELECTOR, ".content").text == text:
            return item
    raise AssertionError(f"no row says {text!r}")


def test_two_sessions_see_posts_edits_and_deletes_live(msgsvc, browsers):
    room = "browser-" + uuid.uuid4().hex[:8]
    alice, bob = browsers(), browsers()
    join(alice, msgsvc.url, room, "alice")
    join(bob, msgsvc.url, room, "bob")

    send(alice, "hello from alice")
    wait_for_row(bob, "alice", "hello from alice")
    send(bob, "hi alice")
    wait_for_row(alice, "bob", "hi alice")

    # Alice edits her message: both pages show the new text, marked edited.
    row_of(alice, "hello from alice").find_element(By.CSS_SELECTOR, "button.edit").click()
    edit_box = alice.find_element(By.CSS_SELECTOR, "input.edit-input")
    edit_box.clear()
    edit_box.send_keys("hello, edited")
    alice.find_element(By.CSS_SELECTOR, "button.save").click()
    for driver in (alice, bob):
        wait_for_row(driver, "alice", "hello, edited")
    assert bob.find_elements(By.CSS_SELECTOR, "li.msg .edited")

    # Bob cannot edit or delete Alice's message; Alice deletes it and both see the tombstone.
    assert not row_of(bob, "hello, edited").find_elements(By.CSS_SELECTOR, "button")
    row_of(alice, "hello, edited").find_element(By.CSS_SELECTOR, "button.delete").click()
    for driver in (alice, bob):
        wait_for_row(driver, "alice", "message deleted")

    # Reloading shows the history, tombstone included, in order; nothing was stored twice.
    bob.refresh()
    WebDriverWait(bob, WAIT).until(lambda d: d.find_element(By.ID, "status").get_attribute("data-state") == "live")
    assert rows(bob) == [["alice", "message deleted"], ["bob", "hi alice"]]
    history = msgsvc.client().request("GET", f"/rooms/{room}/messages").json["messages"]
    assert [m.get("content") for m in history] == [None, "hi alice"]


def test_scrolling_up_loads_older_pages(msgsvc, browsers):
    room = "browser-" + uuid.uuid4().hex[:8]
    client = msgsvc.client()
    for index in range(120):
        assert client.request("POST", f"/rooms/{room}/messages", {"sender": "loader", "content": f"m{index}"}).status == 201
    driver = browsers()
    join(driver, msgsvc.url, room, "reader")
    assert [text for _, text in rows(driver)] == [f"m{index}" for index in range(70, 120)], "the newest page first"
    for _ in range(10):
        if len(rows(driver)) == 120:
            break
        driver.execute_script("document.getElementById('log').scrollTop = 0;")
        WebDriverWait(driver, WAIT).until(lambda d: not d.execute_script("return document.getElementById('older').hidden") or True)
        WebDriverWait(driver, WAIT).until(lambda d: d.execute_script("return document.getElementById('older').hidden"))
    assert [text for _, text in rows(driver)] == [f"m{index}" for index in range(120)]


def test_a_dropped_stream_resumes_without_losing_changes(msgsvc, browsers):
    room = "browser-" + uuid.uuid4().hex[:8]
    alice, bob = browsers(), browsers()
    join(alice, msgsvc.url, room, "alice")
    join(bob, msgsvc.url, room, "bob")
    send(alice, "before the restart")
    wait_for_row(bob, "alice", "before the restart")

    # SIGTERM ends every stream; the pages reconnect to the restarted service with Last-Event-ID.
    assert msgsvc.stop() == 0
    msgsvc.start()
    client = msgsvc.client()
    response = client.request("POST", f"/rooms/{room}/messages", {"sender": "carol", "content": "while you were away"})
    assert response.status == 201
    for driver in (alice, bob):
        wait_for_row(driver, "carol", "while you were away")
        WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.ID, "status").get_attribute("data-state") == "live")
    send(bob, "back again")
    wait_for_row(alice, "bob", "back again")
    assert [text for _, text in rows(alice)] == ["before the restart", "while you were away", "back again"]
