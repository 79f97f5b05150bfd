"""Concurrence's tasklets with mailboxes, redone with gevent so they run today.

Each actor is a greenlet that owns a mailbox (a gevent Queue); others only
send it messages. A call carries an AsyncResult that the receiver fills in."""
import gevent
from gevent.event import AsyncResult
from gevent.queue import Channel, Queue


class Actor(gevent.Greenlet):
    def __init__(self, *args):
        super().__init__(None, *args)  # the args go to _run, the actor's body
        self.mailbox = Queue()

    def send(self, message, *args):  # like MSG_X.send(task)(...): returns at once
        self.mailbox.put((message, args, None))

    def call(self, message, *args):  # like MSG_X.call(task)(...): waits
        reply = AsyncResult()
        self.mailbox.put((message, args, reply))
        return reply.get()

    def receive(self):  # like Tasklet.receive(): blocks until a message arrives
        while True:
            yield self.mailbox.get()


class Ponger(Actor):
    def _run(self):
        pings = 0
        for message, args, reply in self.receive():
            if message == "ping":
                pings += 1
                sender, n = args
                sender.send("pong", n)
            elif message == "count":
                reply.set(pings)
            elif message == "stop":
                return


class Pinger(Actor):
    def _run(self, ponger, rounds):
        for n in range(rounds):
            ponger.send("ping", self, n)
            message, args, _ = next(self.receive())
            print(message, args[0])


def producer(channel):
    for word in ("libevent", "greenlet", "tasklet"):
        channel.put(word)  # a Channel has no buffer: put waits for a get
    channel.put(None)


def consumer(channel):
    while (word := channel.get()) is not None:
        print("channel:", word)


ponger = Ponger()
pinger = Pinger(ponger, 3)
ponger.start()
pinger.start()
pinger.join()
print("ponger counted", ponger.call("count"), "pings")
ponger.send("stop")
ponger.join()

channel = Channel()
gevent.joinall([gevent.spawn(producer, channel), gevent.spawn(consumer, channel)])
