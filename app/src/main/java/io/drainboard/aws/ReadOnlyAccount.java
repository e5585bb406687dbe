package io.drainboard.aws;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The last rail of an account a profile marks read-only: every SDK client built for it refuses, before anything is
 * signed or sent, each operation that is not a read — {@code Describe*}, {@code List*}, {@code Get*} pass; StopTask,
 * UpdateTaskProtection, ExecuteCommand, UpdateService, SetInstanceProtection, PutMetricData and everything else not on
 * that list are refused (an allow-list, so an operation added later is refused too). The engines refuse earlier, by
 * the account in the ARN ({@code Profile.readOnlyFor}); this holds even for a path that forgot to ask.
 */
final class ReadOnlyAccount implements ExecutionInterceptor {
    private final String account;
    private final String region;

    ReadOnlyAccount(String account, String region) {
        this.account = account;
        this.region = region;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (!isRead(operation)) throw new Refused(operation + " not sent: account " + account + " (" + region
                + ") is read-only in this profile; nothing was changed");
    }

    static boolean isRead(String operation) {
        return operation != null && (operation.startsWith("Describe") || operation.startsWith("List")
                || operation.startsWith("Get"));
    }

    /** An SDK exception, so every caller that words and audits SDK failures handles it the same way. */
    static final class Refused extends SdkException {
        Refused(String message) {
            super(SdkException.builder().message(message));
        }
    }
}
