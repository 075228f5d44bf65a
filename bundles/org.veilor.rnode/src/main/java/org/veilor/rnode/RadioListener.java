package org.veilor.rnode;

/** Receives the frames a radio hears; called on the radio's delivery thread, so return quickly. */
@FunctionalInterface
public interface RadioListener {

    void received(ReceivedFrame frame);
}
