package io.drainboard.sim.livekit;

/**
 * The part of a token's {@code video} claim that the modelled RPCs check
 * ([PROTO] auth/grants.go L163–180).
 */
record VideoGrants(boolean roomList, boolean roomAdmin, String room) {

    /** No token, or a token without a video claim: every check fails. */
    static final VideoGrants NONE = new VideoGrants(false, false, "");

    VideoGrants {
        room = room == null ? "" : room;
    }

    /** {@code EnsureListPermission} ([SRV] pkg/service/auth.go L205–211). */
    boolean mayList() {
        return roomList;
    }

    /** {@code EnsureAdminPermission}: roomAdmin and the exact room ([SRV] auth.go L184–195). */
    boolean mayAdminister(String requestedRoom) {
        return roomAdmin && room.equals(requestedRoom);
    }
}
