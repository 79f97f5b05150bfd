# HISTORY: never run. Concurrence (Hyves, 2009) is Python 2 code that needs
# greenlet or Stackless Python, Pyrex and libevent 1.4, and it has not changed
# since 2011: it cannot be installed on a current machine, and no test runs
# this file. It was written for this book against Concurrence 0.3's documented
# API (doc/messages.rst, doc/tasklets.rst, lib/concurrence/core.py) to show the
# style. It has never been executed, so treat it as a sketch that may contain
# mistakes. demos/python/actors_gevent.py is a tested, modern equivalent.
from concurrence import dispatch, quit, Tasklet, Message, Channel

class MSG_PING(Message): pass
class MSG_PONG(Message): pass
class MSG_COUNT(Message): pass
class MSG_STOP(Message): pass

def ponger():
    pings = 0
    for msg, args, kwargs in Tasklet.receive():  # blocks until mail arrives
        if msg.match(MSG_PING):
            pings += 1
            sender, n = args
            MSG_PONG.send(sender)(n)  # asynchronous: returns at once
        elif msg.match(MSG_COUNT):
            msg.reply(pings)  # answers a synchronous call
        elif msg.match(MSG_STOP):
            break

def pinger(ponger_task, rounds):
    for n in range(rounds):
        MSG_PING.send(ponger_task)(Tasklet.current(), n)
        for msg, args, kwargs in Tasklet.receive():
            if msg.match(MSG_PONG):
                print 'pong', args[0]
                break

def producer(channel):
    for word in ['libevent', 'greenlet', 'tasklet']:
        channel.send(word)  # waits until a tasklet receives it
    channel.send(None)

def consumer(channel):
    word = channel.receive()
    while word is not None:
        print 'channel:', word
        word = channel.receive()

def main():
    ponger_task = Tasklet.new(ponger)()
    Tasklet.join(Tasklet.new(pinger)(ponger_task, 3))
    count = MSG_COUNT.call(ponger_task)()  # waits for the reply
    print 'ponger counted', count, 'pings'
    MSG_STOP.send(ponger_task)()

    channel = Channel()
    Tasklet.join_all([Tasklet.new(producer)(channel),
                      Tasklet.new(consumer)(channel)])
    quit()  # leave the dispatch loop

if __name__ == '__main__':
    dispatch(main)  # runs libevent's loop and the tasklets
